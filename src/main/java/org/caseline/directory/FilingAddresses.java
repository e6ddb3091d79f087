package org.caseline.directory;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caseline.cases.Catalogue;
import org.caseline.platform.LocalizedText;

/**
 * Where to mail a form: the rules of {@code directory/filing-addresses.yaml}, from the form (and
 * its category, where it has several ways to be filed), the filer's state, the delivery (postal
 * service or courier) and the date to the lockbox address. Checked at start-up: a rule naming a
 * form, lockbox, category or state that does not exist, or two rules in force for the same case
 * on the same day, stop the start.
 */
public class FilingAddresses {

    /** The states, the District and the territories a filer can live in. */
    public static final Set<String> STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI",
            "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
            "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI",
            "WY", "PR", "GU", "VI", "AS", "MP");

    /** How the envelope travels: the postal service takes the P.O. box, couriers a street address. */
    public enum Delivery { POSTAL, COURIER }

    /** A lockbox: its name and its two addresses. */
    public record Lockbox(String code, String name, Address postal, Address courier) {
    }

    /** One rule: what it applies to, where it sends the form, and when it is in force. */
    public record Rule(String form, String category, Set<String> states, String lockbox, LocalDate from, LocalDate until) {

        boolean inForceOn(LocalDate day) {
            return !day.isBefore(from) && (until == null || !day.isAfter(until));
        }

        boolean covers(String state) {
            return states.isEmpty() || states.contains(state);
        }
    }

    /** The answer: the address to write on the envelope, and the rule it comes from. */
    public record Answer(String form, String category, String state, Delivery delivery, Lockbox lockbox, Address address,
                         Rule rule) {
    }

    private final Catalogue catalogue;
    private final Map<String, Lockbox> lockboxes = new LinkedHashMap<>();
    private final Map<String, Map<String, LocalizedText>> categories = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();

    FilingAddresses(Catalogue catalogue) {
        this(catalogue, FilingAddresses.class.getResourceAsStream("/directory/filing-addresses.yaml"));
    }

    @SuppressWarnings("unchecked")
    FilingAddresses(Catalogue catalogue, InputStream yaml) {
        this.catalogue = catalogue;
        Map<String, Object> data = DirectoryYaml.read(yaml);
        List<String> problems = new ArrayList<>();
        ((Map<String, Map<String, Object>>) data.getOrDefault("lockboxes", Map.of())).forEach((code, box) ->
                lockboxes.put(code, new Lockbox(code, (String) box.get("name"), address(box.get("postal")),
                        address(box.get("courier")))));
        ((Map<String, Map<String, Map<String, String>>>) data.getOrDefault("categories", Map.of())).forEach((form, kinds) -> {
            Map<String, LocalizedText> named = new LinkedHashMap<>();
            kinds.forEach((kind, text) -> {
                try {
                    named.put(kind, new LocalizedText(text.get("en"), text.get("es")));
                } catch (IllegalArgumentException e) {
                    problems.add("category " + kind + " of " + form + ": " + e.getMessage());
                }
            });
            categories.put(form, named);
        });
        for (Map<String, Object> r : (List<Map<String, Object>>) data.getOrDefault("rules", List.of())) {
            String form = String.valueOf(r.get("form"));
            Object states = r.get("states");
            Rule rule = new Rule(form, (String) r.get("category"),
                    "all".equals(states) ? Set.of() : Set.copyOf(((List<?>) states).stream().map(String::valueOf).toList()),
                    String.valueOf(r.get("lockbox")), LocalDate.parse(String.valueOf(r.get("from"))),
                    r.get("until") == null ? null : LocalDate.parse(String.valueOf(r.get("until"))));
            String what = "the rule for " + form + (rule.category() == null ? "" : " (" + rule.category() + ")");
            if (catalogue.form(form).isEmpty()) {
                problems.add(what + " names a form the catalogue does not have");
            }
            if (!lockboxes.containsKey(rule.lockbox())) {
                problems.add(what + " names lockbox " + rule.lockbox() + ", which is not listed");
            }
            boolean categorised = categories.containsKey(form);
            if (categorised != (rule.category() != null)
                    || categorised && !categories.get(form).containsKey(rule.category())) {
                problems.add(what + ": " + (categorised ? "the category must be one of " + categories.get(form).keySet()
                        : form + " has no categories"));
            }
            rule.states().stream().filter(s -> !STATES.contains(s)).forEach(s -> problems.add(what + " names state " + s));
            for (Rule other : rules) {
                if (other.form().equals(form) && java.util.Objects.equals(other.category(), rule.category())
                        && overlap(other, rule) && STATES.stream().anyMatch(s -> other.covers(s) && rule.covers(s))) {
                    problems.add(what + " and another are both in force on the same days for the same states");
                }
            }
            rules.add(rule);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The filing addresses (directory/filing-addresses.yaml): " + String.join("; ", problems));
        }
    }

    private static boolean overlap(Rule a, Rule b) {
        LocalDate aEnd = a.until() == null ? LocalDate.MAX : a.until();
        LocalDate bEnd = b.until() == null ? LocalDate.MAX : b.until();
        return !a.from().isAfter(bEnd) && !b.from().isAfter(aEnd);
    }

    @SuppressWarnings("unchecked")
    private static Address address(Object value) {
        Map<String, Object> a = (Map<String, Object>) value;
        return new Address((String) a.get("street"), (String) a.get("city"), (String) a.get("state"),
                String.valueOf(a.get("zip")), "US");
    }

    /** The ways a form can be filed that change where it goes ("alone", "with-i-485"); empty when there is one. */
    public Map<String, LocalizedText> categories(String form) {
        return categories.getOrDefault(form, Map.of());
    }

    /**
     * Where a filer in {@code state} sends {@code form} on {@code day}.
     *
     * @throws Directory.MalformedException when the form, state, category or delivery is not one there is
     * @throws Directory.NotFoundException  when no rule is in force for it (the form is not filed by mail)
     */
    public Answer find(String form, String state, String category, String delivery, LocalDate day) {
        String number = form == null ? "" : form.strip().toUpperCase(Locale.ROOT);
        Catalogue.Form known = catalogue.form(number)
                .orElseThrow(() -> new Directory.MalformedException("No form " + (form == null ? "" : form.strip())
                        + " is known; forms are written like I-130 or N-400"));
        String where = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
        if (!STATES.contains(where)) {
            throw new Directory.MalformedException("A state is its two-letter postal code, like TX or NY");
        }
        Delivery by;
        try {
            by = delivery == null || delivery.isBlank() ? Delivery.POSTAL : Delivery.valueOf(delivery.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Directory.MalformedException("delivery is postal or courier");
        }
        Map<String, LocalizedText> kinds = categories(known.number());
        String kind = category == null || category.isBlank() ? null : category.strip().toLowerCase(Locale.ROOT);
        if (!kinds.isEmpty() && (kind == null || !kinds.containsKey(kind))) {
            throw new Directory.MalformedException(known.number() + " goes to a different address depending on how it is filed: "
                    + "say which with category, one of " + String.join(", ", kinds.keySet()));
        }
        if (kinds.isEmpty()) {
            kind = null;
        }
        String wanted = kind;
        Optional<Rule> rule = rules.stream()
                .filter(r -> r.form().equals(known.number()) && java.util.Objects.equals(r.category(), wanted)
                        && r.covers(where) && r.inForceOn(day))
                .max(Comparator.comparing(Rule::from));
        Rule found = rule.orElseThrow(() -> new Directory.NotFoundException("No filing address is on record for "
                + known.number() + " from " + where + " on " + day + "; see the form's page for how to file it"));
        Lockbox box = lockboxes.get(found.lockbox());
        return new Answer(known.number(), wanted, where, by, box, by == Delivery.POSTAL ? box.postal() : box.courier(), found);
    }
}
