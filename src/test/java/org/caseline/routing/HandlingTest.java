package org.caseline.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A queue's after-hours and overflow handling, as the configuration writes it, read once into its kind. */
class HandlingTest {

    @Test
    void theThreeFormsAreReadIntoTheirKinds() {
        assertThat(Handling.parse("message")).isEqualTo(new Handling.Message());
        assertThat(Handling.parse("callback")).isEqualTo(new Handling.Callback());
        assertThat(Handling.parse("queue:general-es")).isEqualTo(new Handling.ToQueue("general-es"));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsThatExist() {
        for (String wrong : new String[] {"queue:", "Message", "voicemail", ""}) {
            assertThatThrownBy(() -> Handling.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("message, callback or queue:<id>");
        }
        assertThatThrownBy(() -> Handling.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
