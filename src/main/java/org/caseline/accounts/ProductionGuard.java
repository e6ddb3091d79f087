package org.caseline.accounts;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Under a production profile ({@code prod} or {@code production}) the application refuses to
 * start while the demo accounts or demo API clients exist: their passwords are public.
 */
@Component
@Order(0)
class ProductionGuard implements ApplicationRunner {

    private final Environment environment;
    private final StaffAccounts staff;
    private final ApiClients clients;
    private final List<String> demoAccounts;
    private final List<String> demoClients;

    ProductionGuard(Environment environment, StaffAccounts staff, ApiClients clients,
                    @Value("${caseline.security.demo-accounts:admin,supervisor,tier1,tier2}") String demoAccounts,
                    @Value("${caseline.security.demo-clients:demo,case-system}") String demoClients) {
        this.environment = environment;
        this.staff = staff;
        this.clients = clients;
        this.demoAccounts = StaffAccounts.split(demoAccounts);
        this.demoClients = StaffAccounts.split(demoClients);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!environment.acceptsProfiles(Profiles.of("prod | production"))) {
            return;
        }
        if (environment.getProperty("caseline.demo.enabled", Boolean.class, false)) {
            throw new IllegalStateException("Refusing to start: caseline.demo.enabled=true under a production profile");
        }
        List<String> found = new ArrayList<>(staff.existing(demoAccounts.toArray(String[]::new)));
        found.addAll(clients.existing(demoClients));
        if (!found.isEmpty()) {
            throw new IllegalStateException("Refusing to start under a production profile: the demo accounts or "
                    + "API clients " + found + " exist. Delete them (or rename them) before going live.");
        }
    }
}
