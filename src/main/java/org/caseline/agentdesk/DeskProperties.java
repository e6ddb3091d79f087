package org.caseline.agentdesk;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The desktop's catalogues: the disposition codes a contact is filed under, and the reasons for a
 * break. Their labels are in the message bundles, in English and Spanish.
 */
@ConfigurationProperties("caseline.desk")
record DeskProperties(List<String> dispositions, List<String> breakReasons) {
    DeskProperties {
        dispositions = dispositions == null ? List.of() : List.copyOf(dispositions);
        breakReasons = breakReasons == null ? List.of() : List.copyOf(breakReasons);
    }
}
