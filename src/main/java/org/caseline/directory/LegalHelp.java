package org.caseline.directory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caseline.platform.LocalizedText;

/**
 * Legal help by state ({@code directory/legal-help.yaml}): recognized organizations and
 * accredited representatives, and the warning against notarios that goes with every answer.
 */
public class LegalHelp {

    public enum Kind { ORGANIZATION, REPRESENTATIVE }

    public enum Accreditation { FULL, PARTIAL }

    public record Provider(String name, Kind kind, Accreditation accreditation, String city, String state, String phone,
                           List<String> languages) {
    }

    private final List<Provider> providers = new ArrayList<>();
    private final LocalizedText warning;

    LegalHelp() {
        this(LegalHelp.class.getResourceAsStream("/directory/legal-help.yaml"));
    }

    @SuppressWarnings("unchecked")
    LegalHelp(InputStream yaml) {
        Map<String, Object> data = DirectoryYaml.read(yaml);
        Map<String, String> w = (Map<String, String>) data.getOrDefault("warning", Map.of());
        this.warning = new LocalizedText(w.get("en"), w.get("es"));
        for (Map<String, Object> p : (List<Map<String, Object>>) data.getOrDefault("providers", List.of())) {
            String state = String.valueOf(p.get("state"));
            if (!FilingAddresses.STATES.contains(state)) {
                throw new IllegalStateException("The legal help (directory/legal-help.yaml): " + p.get("name") + " names state " + state);
            }
            providers.add(new Provider((String) p.get("name"), Kind.valueOf(String.valueOf(p.get("kind"))),
                    Accreditation.valueOf(String.valueOf(p.get("accreditation"))), (String) p.get("city"), state,
                    (String) p.get("phone"), ((List<Object>) p.getOrDefault("languages", List.of())).stream()
                    .map(String::valueOf).toList()));
        }
    }

    /** What never goes without the list: only attorneys and accredited representatives give legal advice. */
    public LocalizedText warning() {
        return warning;
    }

    /**
     * The providers in a state (its two-letter postal code).
     *
     * @throws Directory.MalformedException when it is no state's code
     */
    public List<Provider> in(String state) {
        String code = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
        if (!FilingAddresses.STATES.contains(code)) {
            throw new Directory.MalformedException("A state is its two-letter postal code, like TX or NY");
        }
        return providers.stream().filter(p -> p.state().equals(code)).toList();
    }
}
