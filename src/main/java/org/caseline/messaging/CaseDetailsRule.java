package org.caseline.messaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caseline.cases.Catalogue;
import org.springframework.stereotype.Component;

/**
 * The rule for what may go by plain email: nothing specific to a case. An answer that holds a
 * receipt number, an A-number, or the wording of a case status is refused, and the refusal names
 * what it found, so the agent can point the sender to their online account or the case status
 * page instead. Secure messages (inside the account) are not held to it.
 */
@Component
public class CaseDetailsRule {

    /** What in a text is specific to a case, and what kind of thing it is. */
    public record Finding(String kind, String text) {
    }

    /** Three letters and ten digits (EAC2590000101), spaces or dashes between groups allowed; or the thirteen digits a keypad gives. */
    private static final Pattern RECEIPT = Pattern.compile("(?i)(?<![A-Z0-9])[A-Z]{3}[\\s-]?\\d{3}[\\s-]?\\d{3}[\\s-]?\\d{4}(?!\\d)|(?<!\\d)\\d{13}(?!\\d)");
    /** A-Number: A followed by eight or nine digits (A-123-456-789). */
    private static final Pattern A_NUMBER = Pattern.compile("(?i)(?<![A-Z0-9])A[\\s#-]?\\d{3}[\\s-]?\\d{3}[\\s-]?\\d{2,3}(?!\\d)");

    private final List<String> statusWordings;

    CaseDetailsRule(Catalogue catalogue) {
        List<String> wordings = new ArrayList<>();
        for (Catalogue.Status status : catalogue.statuses()) {
            wordings.add(status.title().en().toLowerCase(Locale.ROOT));
            wordings.add(status.title().es().toLowerCase(Locale.ROOT));
        }
        // the longest first, so that the finding names the whole wording
        wordings.sort(Comparator.comparingInt(String::length).reversed());
        this.statusWordings = List.copyOf(wordings);
    }

    /** The first thing in {@code text} that is specific to a case, if any. */
    public Optional<Finding> firstIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher receipt = RECEIPT.matcher(text);
        if (receipt.find()) {
            return Optional.of(new Finding("receipt number", receipt.group()));
        }
        Matcher aNumber = A_NUMBER.matcher(text);
        if (aNumber.find()) {
            return Optional.of(new Finding("A-Number", aNumber.group()));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String wording : statusWordings) {
            int at = lower.indexOf(wording);
            if (at >= 0) {
                return Optional.of(new Finding("case status", text.substring(at, at + wording.length())));
            }
        }
        return Optional.empty();
    }
}
