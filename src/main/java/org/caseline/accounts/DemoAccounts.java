package org.caseline.accounts;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's people and clients: staff {@code admin}, {@code supervisor}, {@code tier1},
 * {@code tier2} (password {@code demo}), and API clients {@code demo}/{@code demo-secret}
 * (case status) and {@code case-system}/{@code case-system-secret} (case ingestion).
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty(name = "caseline.demo.enabled", matchIfMissing = true)
class DemoAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final StaffAccounts staff;
    private final ApiClients clients;

    DemoAccounts(StaffAccounts staff, ApiClients clients) {
        this.staff = staff;
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        created += staff.createIfMissing("admin", "demo", "Demo Administrator", Set.of(Role.ADMIN)) ? 1 : 0;
        created += staff.createIfMissing("supervisor", "demo", "Demo Supervisor", Set.of(Role.SUPERVISOR)) ? 1 : 0;
        created += staff.createIfMissing("tier1", "demo", "Demo Tier 1 Representative", Set.of(Role.TIER1)) ? 1 : 0;
        created += staff.createIfMissing("tier2", "demo", "Demo Tier 2 Officer", Set.of(Role.TIER2)) ? 1 : 0;
        created += clients.register("demo", "demo-secret", "Demo case status client",
                Set.of(ApiClients.CASE_STATUS_SCOPE)) ? 1 : 0;
        created += clients.register("case-system", "case-system-secret", "Demo case system (ingestion)",
                Set.of(ApiClients.CASES_WRITE_SCOPE, ApiClients.CASE_STATUS_SCOPE)) ? 1 : 0;
        if (created > 0) {
            log.info("Created {} demo accounts and API clients (password 'demo' for staff)", created);
        }
    }
}
