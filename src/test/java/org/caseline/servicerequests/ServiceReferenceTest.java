package org.caseline.servicerequests;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reference read over the phone and typed back: one wrong digit, or two swapped, is caught. */
class ServiceReferenceTest {

    @Property(tries = 300)
    void everyMistypedDigitIsCaught(@ForAll @IntRange(min = 0, max = 7) int position, @ForAll @IntRange(min = 1, max = 9) int shift) {
        String reference = ServiceReference.random(8).value();
        char[] typed = reference.toCharArray();
        typed[position] = (char) ('0' + (typed[position] - '0' + shift) % 10);

        assertThatThrownBy(() -> ServiceReference.parse(new String(typed))).isInstanceOf(ServiceReference.Malformed.class);
    }

    @Property(tries = 300)
    void twoNeighboursSwappedAreCaughtUnlessTheyAreNineAndZero(@ForAll @IntRange(min = 0, max = 6) int position) {
        String reference = ServiceReference.random(8).value();
        char a = reference.charAt(position);
        char b = reference.charAt(position + 1);
        if (a == b || (a == '0' && b == '9') || (a == '9' && b == '0')) {
            return; // the same digits, or the one pair the Luhn digit cannot tell apart
        }
        char[] typed = reference.toCharArray();
        typed[position] = b;
        typed[position + 1] = a;

        assertThatThrownBy(() -> ServiceReference.parse(new String(typed))).isInstanceOf(ServiceReference.Malformed.class);
    }

    @Test
    void spacesAndDashesAsPeopleWriteItAreFine() {
        String reference = ServiceReference.random(8).value();
        String written = reference.substring(0, 4) + " - " + reference.substring(4);

        assertThat(ServiceReference.parse(written).value()).isEqualTo(reference);
        assertThat(ServiceReference.parse(written).grouped()).isEqualTo(reference.substring(0, 4) + " " + reference.substring(4));
        assertThat(reference).doesNotStartWith("0");
    }
}
