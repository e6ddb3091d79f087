package org.caseline.servicerequests.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.cases.CaseCounts;
import org.caseline.cases.Catalogue;
import org.caseline.cases.ReceiptNumber;
import org.caseline.servicerequests.Channel;
import org.caseline.servicerequests.ServiceRequest;
import org.caseline.servicerequests.ServiceRequestRefused;
import org.caseline.servicerequests.ServiceRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's offices at work: an OFFICE account for each office that holds demo cases, named after
 * its code in lower case ({@code vsc}, {@code nsc}, ...; password {@code demo}), and at the largest
 * offices a few requests filed by {@code tier1}: one new, one claimed, one waiting for the requester.
 */
@Component
@Order(30)
@ConditionalOnBooleanProperty(name = "caseline.demo.enabled", matchIfMissing = true)
class DemoServiceRequests implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoServiceRequests.class);

    private final StaffAccounts staff;
    private final CaseCounts counts;
    private final Catalogue catalogue;
    private final ServiceRequests requests;

    DemoServiceRequests(StaffAccounts staff, CaseCounts counts, Catalogue catalogue, ServiceRequests requests) {
        this.staff = staff;
        this.counts = counts;
        this.catalogue = catalogue;
        this.requests = requests;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<CaseCounts.OfficeCases> offices = counts.byOffice();
        int created = 0;
        for (CaseCounts.OfficeCases office : offices) {
            String username = office.office().toLowerCase(Locale.ROOT);
            String name = catalogue.office(office.office()).map(o -> o.name().en()).orElse(office.office());
            if (staff.createIfMissing(username, "demo", name + " (demo office staff)", Set.of(Role.OFFICE))) {
                staff.assignOffice(username, office.office());
                created++;
                if (created <= 3) {
                    fileSome(office.office(), username);
                }
            }
        }
        if (created > 0) {
            log.info("Created {} demo office accounts (password 'demo')", created);
        }
    }

    private void fileSome(String office, String officeUser) {
        List<ReceiptNumber> cases = counts.sample(office, "ACTIVELY_REVIEWED", 3);
        var requester = new ServiceRequest.Requester("Demo Requester", "requester@example.com", null, null, "en");
        var worker = new ServiceRequests.Worker(officeUser, office);
        for (int i = 0; i < cases.size(); i++) {
            try {
                var filed = requests.file(new ServiceRequests.Filing("typographical-error", cases.get(i).value(),
                        Map.of("document", "Receipt notice", "field", "Date of birth", "shown", "1985-03-12", "correct", "1985-12-03"),
                        requester, Channel.TIER1, "tier1", null, null));
                if (i == 1) {
                    requests.claim(filed.reference(), worker);
                } else if (i == 2) {
                    requests.askForInformation(filed.reference(), worker, "Please send a copy of your birth certificate.");
                }
            } catch (ServiceRequestRefused e) {
                log.warn("Demo service request not filed: {}", e.getMessage());
            }
        }
    }
}
