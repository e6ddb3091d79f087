package org.caseline.directory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.caseline.cases.Catalogue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every form of the catalogue has its edition, fees and page; a gap or a stray form stops the start. */
class FormsTest {

    @Test
    void everyCatalogueFormIsDescribed() {
        Forms forms = new Forms(new Catalogue());

        assertThat(forms.all()).hasSize(new Catalogue().forms().size());
        assertThat(forms.form("n-400")).get().satisfies(f -> {
            assertThat(f.fees()).extracting(Forms.Fee::amount).containsExactly(760, 710);
            assertThat(f.page()).endsWith("/n-400");
        });
        assertThat(forms.form("I485")).get().extracting(Forms.Form::number).isEqualTo("I-485");
    }

    @Test
    void aFormMissingOrUnknownStopsTheStart() {
        String yaml = """
                forms:
                  - { number: X-1, edition: "2024-01-01", fees: [] }
                """;
        assertThatThrownBy(() -> new Forms(new Catalogue(), new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("X-1 is not a form of the catalogue").hasMessageContaining("I-130 has no edition");
    }
}
