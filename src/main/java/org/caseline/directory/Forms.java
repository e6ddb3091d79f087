package org.caseline.directory;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.caseline.cases.Catalogue;
import org.caseline.platform.LocalizedText;

/**
 * The forms, as a filer needs them: the catalogue's number and title with the current edition,
 * the fees, the form's page and whether a paper copy can be sent by mail
 * ({@code directory/forms.yaml}). Every catalogue form must be described; a fee without both
 * languages, or a form the catalogue does not have, stops the start.
 */
public class Forms {

    /** A fee: the amount in dollars, and when it applies. */
    public record Fee(int amount, LocalizedText when) {
    }

    public record Form(String number, LocalizedText title, LocalDate edition, List<Fee> fees, String page, boolean orderable) {
    }

    private final Map<String, Form> forms = new LinkedHashMap<>();

    Forms(Catalogue catalogue) {
        this(catalogue, Forms.class.getResourceAsStream("/directory/forms.yaml"));
    }

    @SuppressWarnings("unchecked")
    Forms(Catalogue catalogue, InputStream yaml) {
        Map<String, Object> data = DirectoryYaml.read(yaml);
        String page = String.valueOf(data.getOrDefault("page", "{number}"));
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> described = new LinkedHashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) data.getOrDefault("forms", List.of())) {
            described.put(String.valueOf(f.get("number")), f);
        }
        described.keySet().stream().filter(n -> catalogue.form(n).isEmpty())
                .forEach(n -> problems.add(n + " is not a form of the catalogue"));
        for (Catalogue.Form form : catalogue.forms()) {
            Map<String, Object> f = described.get(form.number());
            if (f == null) {
                problems.add(form.number() + " has no edition, fees or page");
                continue;
            }
            try {
                List<Fee> fees = new ArrayList<>();
                for (Map<String, Object> fee : (List<Map<String, Object>>) f.getOrDefault("fees", List.of())) {
                    fees.add(new Fee(((Number) fee.get("amount")).intValue(),
                            new LocalizedText((String) fee.get("en"), (String) fee.get("es"))));
                }
                forms.put(form.number(), new Form(form.number(), form.title(), LocalDate.parse(String.valueOf(f.get("edition"))),
                        List.copyOf(fees), page.replace("{number}", form.number().toLowerCase(Locale.ROOT)),
                        Boolean.TRUE.equals(f.get("orderable"))));
            } catch (RuntimeException e) {
                problems.add(form.number() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The forms (directory/forms.yaml): " + String.join("; ", problems));
        }
    }

    public List<Form> all() {
        return List.copyOf(forms.values());
    }

    /** "I-130", "i-130" or "I130". */
    public Optional<Form> form(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String n = number.strip().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(forms.getOrDefault(n, forms.get(n.replaceFirst("^([A-Z]+)(\\d)", "$1-$2"))));
    }
}
