package org.caseline.directory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.caseline.cases.Catalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Where do I mail my I-130 from Texas": the rule for the form, its category, the state and the day; the courier's address apart. */
class FilingAddressesTest {

    static final Catalogue CATALOGUE = new Catalogue();
    static final FilingAddresses SHIPPED = new FilingAddresses(CATALOGUE);
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void anI130FiledAloneFromTexasGoesToThePhoenixLockboxsPostOfficeBox() {
        FilingAddresses.Answer answer = SHIPPED.find("i-130", "tx", "alone", null, TODAY);

        assertThat(answer.lockbox().name()).isEqualTo("USCIS Phoenix Lockbox");
        assertThat(answer.delivery()).isEqualTo(FilingAddresses.Delivery.POSTAL);
        assertThat(answer.address().street()).isEqualTo("P.O. Box 21281");
        assertThat(answer.address().zip()).isEqualTo("85036-1281");
    }

    @Test
    void aCourierGetsTheLockboxsStreetAddress() {
        FilingAddresses.Answer answer = SHIPPED.find("I-130", "NY", "with-i-485", "courier", TODAY);

        assertThat(answer.lockbox().code()).isEqualTo("CHI");
        assertThat(answer.address().street()).isEqualTo("Attn: Lockbox, 131 South Dearborn, 3rd Floor");
    }

    @Test
    void theRuleInForceOnTheDayDecides() {
        assertThat(SHIPPED.find("I-130", "NY", "alone", null, LocalDate.of(2025, 6, 30)).lockbox().code()).isEqualTo("DAL");
        assertThat(SHIPPED.find("I-130", "NY", "alone", null, LocalDate.of(2025, 7, 1)).lockbox().code()).isEqualTo("ELG");
        assertThat(SHIPPED.find("I-130", "NY", "alone", null, TODAY).rule().from()).isEqualTo(LocalDate.of(2025, 7, 1));
    }

    @Test
    void aFormWithSeveralWaysToFileAsksWhichOne() {
        assertThatThrownBy(() -> SHIPPED.find("I-130", "TX", null, null, TODAY)).isInstanceOf(Directory.MalformedException.class)
                .hasMessageContaining("category, one of alone, with-i-485");
        assertThatThrownBy(() -> SHIPPED.find("I-130", "TX", "by-fax", null, TODAY)).isInstanceOf(Directory.MalformedException.class);
    }

    @Test
    void whatIsNotThereIsSaidPlainly() {
        assertThatThrownBy(() -> SHIPPED.find("I-129", "TX", null, null, TODAY)).isInstanceOf(Directory.NotFoundException.class)
                .hasMessageContaining("No filing address is on record for I-129");
        assertThatThrownBy(() -> SHIPPED.find("X-1", "TX", null, null, TODAY)).isInstanceOf(Directory.MalformedException.class)
                .hasMessageContaining("No form X-1 is known");
        assertThatThrownBy(() -> SHIPPED.find("N-400", "Texas", null, null, TODAY)).isInstanceOf(Directory.MalformedException.class)
                .hasMessageContaining("two-letter postal code");
        assertThatThrownBy(() -> SHIPPED.find("N-400", "TX", null, "pigeon", TODAY)).isInstanceOf(Directory.MalformedException.class)
                .hasMessageContaining("postal or courier");
        assertThatThrownBy(() -> SHIPPED.find("N-400", "TX", null, null, LocalDate.of(2023, 1, 1)))
                .isInstanceOf(Directory.NotFoundException.class);
    }

    @Test
    void everyStateHasAnAddressForEveryFormThatIsMailed() {
        for (String state : FilingAddresses.STATES) {
            if (state.equals("AS") || state.equals("MP")) {
                continue; // the sample has no rule for them: said plainly, as for any gap
            }
            for (String form : new String[] {"I-90", "I-485", "I-539", "I-751", "N-400"}) {
                assertThat(SHIPPED.find(form, state, null, null, TODAY).address()).as(form + " from " + state).isNotNull();
            }
        }
    }

    @Test
    void twoRulesInForceForTheSameFilerStopTheStart() {
        String yaml = """
                lockboxes:
                  PHX: { name: "P", postal: { street: "P.O. Box 1", city: Phoenix, state: AZ, zip: "85036" }, courier: { street: "1 A St", city: Tempe, state: AZ, zip: "85284" } }
                rules:
                  - { form: N-400, states: [TX, OK], lockbox: PHX, from: "2024-01-01" }
                  - { form: N-400, states: [TX], lockbox: PHX, from: "2025-01-01" }
                """;
        assertThatThrownBy(() -> new FilingAddresses(CATALOGUE, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("both in force on the same days");
    }
}
