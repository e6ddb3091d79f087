package org.caseline.assistant;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caseline.platform.Languages;

/**
 * The states (and D.C.) as visitors name them in a question: by postal code written in capitals
 * ("from TX"), or by name in English or Spanish ("from Texas", "desde Nueva York").
 */
final class UsStates {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, String> SPANISH = Map.of("NY", "Nueva York", "NJ", "Nueva Jersey", "NM", "Nuevo México",
            "NC", "Carolina del Norte", "SC", "Carolina del Sur", "ND", "Dakota del Norte", "SD", "Dakota del Sur",
            "PA", "Pensilvania", "HI", "Hawái", "WV", "Virginia Occidental");
    private static final Pattern CODE = Pattern.compile("\\b([A-Z]{2})\\b");
    /** Every way a state is named, normalised as questions are, longest first (so "west virginia" is not read as "virginia"). */
    private static final java.util.List<Map.Entry<String, String>> SPOKEN = new java.util.ArrayList<>();

    static {
        String[] all = {"AL", "Alabama", "AK", "Alaska", "AZ", "Arizona", "AR", "Arkansas", "CA", "California", "CO", "Colorado",
                "CT", "Connecticut", "DE", "Delaware", "DC", "District of Columbia", "FL", "Florida", "GA", "Georgia", "HI", "Hawaii",
                "ID", "Idaho", "IL", "Illinois", "IN", "Indiana", "IA", "Iowa", "KS", "Kansas", "KY", "Kentucky", "LA", "Louisiana",
                "ME", "Maine", "MD", "Maryland", "MA", "Massachusetts", "MI", "Michigan", "MN", "Minnesota", "MS", "Mississippi",
                "MO", "Missouri", "MT", "Montana", "NE", "Nebraska", "NV", "Nevada", "NH", "New Hampshire", "NJ", "New Jersey",
                "NM", "New Mexico", "NY", "New York", "NC", "North Carolina", "ND", "North Dakota", "OH", "Ohio", "OK", "Oklahoma",
                "OR", "Oregon", "PA", "Pennsylvania", "RI", "Rhode Island", "SC", "South Carolina", "SD", "South Dakota",
                "TN", "Tennessee", "TX", "Texas", "UT", "Utah", "VT", "Vermont", "VA", "Virginia", "WA", "Washington",
                "WV", "West Virginia", "WI", "Wisconsin", "WY", "Wyoming"};
        for (int i = 0; i < all.length; i += 2) {
            NAMES.put(all[i], all[i + 1]);
            SPOKEN.add(Map.entry(" " + Guardrails.normalise(all[i + 1]) + " ", all[i]));
            if (SPANISH.containsKey(all[i])) {
                SPOKEN.add(Map.entry(" " + Guardrails.normalise(SPANISH.get(all[i])) + " ", all[i]));
            }
        }
        SPOKEN.sort((a, b) -> b.getKey().length() - a.getKey().length());
    }

    private UsStates() {
    }

    /** The state a question names, by its postal code; {@code plain} is the question normalised. */
    static Optional<String> in(String text, String plain) {
        String padded = " " + plain + " ";
        Optional<String> named = SPOKEN.stream().filter(e -> padded.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
        if (named.isPresent()) {
            return named;
        }
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            if (NAMES.containsKey(m.group(1)) && !"IN".equals(m.group(1)) && !"OR".equals(m.group(1)) && !"ME".equals(m.group(1))) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    static String name(String code, Locale language) {
        return Languages.isSpanish(language) ? SPANISH.getOrDefault(code, NAMES.get(code)) : NAMES.get(code);
    }
}
