package org.caseline.assistant;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;

import org.caseline.ivr.Lines;
import org.caseline.platform.Languages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts an answer quotes come from the lines' configuration when the answer is given: change a
 * line's hours or number, and the same article says the new ones, in both languages.
 */
class FactsTest {

    static final String ARTICLE = "Call {{number:18003755283}}, {{hours:18003755283}}. {{open-now:18003755283}}";
    static final Clock SATURDAY_NOON = Clock.fixed(ZonedDateTime.of(2026, 11, 28, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant(),
            ZoneId.of("UTC"));

    static Lines lines(String number, EnumSet<DayOfWeek> days, String opens, String closes) {
        return new Lines(List.of(new Lines.Line(number, "Contact Center", "main", "general", "America/New_York", days,
                LocalTime.parse(opens), LocalTime.parse(closes), true, null)));
    }

    @Test
    void theShippedHoursAreSaidAsConfigured() {
        Facts facts = new Facts(lines("18003755283", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "08:00", "21:00"), SATURDAY_NOON);

        assertThat(facts.fill(ARTICLE, Languages.ENGLISH))
                .isEqualTo("Call 1-800-375-5283, Monday to Friday, 8 a.m. to 9 p.m. Eastern time. Live help is closed now.");
        assertThat(facts.fill(ARTICLE, Languages.SPANISH))
                .isEqualTo("Call 1-800-375-5283, de lunes a viernes, de 8 a. m. a 9 p. m., hora del Este. La ayuda en vivo está cerrada ahora.");
    }

    @Test
    void changedHoursChangeTheAnswer() {
        Facts facts = new Facts(lines("1 (800) 375-5283", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), "07:30", "20:00"),
                SATURDAY_NOON);

        assertThat(facts.fill(ARTICLE, Languages.ENGLISH))
                .isEqualTo("Call 1-800-375-5283, Monday to Saturday, 7:30 a.m. to 8 p.m. Eastern time. Live help is open now.");
    }

    @Test
    void aPlaceholderForALineThatIsNotConfiguredIsAProblemWhenTheKnowledgeIsLoaded() {
        Facts facts = new Facts(lines("18003755283", EnumSet.of(DayOfWeek.MONDAY), "08:00", "17:00"), SATURDAY_NOON);

        assertThat(facts.problems("Call {{number:18005550100}}")).contains("no line 18005550100 is configured");
        assertThat(facts.problems("Call {{fax:18003755283}}")).contains("is not a fact the assistant knows");
        assertThat(facts.problems("Call {{number:18003755283}}")).isNull();
        assertThat(facts.problems(ARTICLE)).isNull();
    }
}
