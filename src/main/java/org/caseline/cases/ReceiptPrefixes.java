package org.caseline.cases;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The table of receipt prefixes the agency issues, each with the office that takes in cases
 * under it. Configuration ({@code caseline.receipts.prefixes}), not code.
 */
@ConfigurationProperties("caseline.receipts")
public class ReceiptPrefixes {

    private final Map<String, String> prefixes = new LinkedHashMap<>();

    public Map<String, String> getPrefixes() {
        return prefixes;
    }

    public boolean isKnown(String prefix) {
        return prefixes.containsKey(prefix.toUpperCase(Locale.ROOT));
    }

    public Optional<String> intakeOffice(String prefix) {
        return Optional.ofNullable(prefixes.get(prefix.toUpperCase(Locale.ROOT)));
    }

    public Set<String> all() {
        return Collections.unmodifiableSet(prefixes.keySet());
    }

    public static ReceiptPrefixes of(Map<String, String> table) {
        var result = new ReceiptPrefixes();
        result.prefixes.putAll(table);
        return result;
    }
}
