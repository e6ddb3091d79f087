package org.caseline.cases;

import java.util.Set;

import org.caseline.accounts.ApiClients;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Anti-enumeration: a client that asks too fast is told to wait, and nothing is looked up. */
@CaseLineTest
@TestPropertySource(properties = {
        "caseline.case-status.rate-limit.per-second=0.2",
        "caseline.case-status.rate-limit.burst=3"})
class CaseStatusRateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiClients clients;

    /** A client of its own for each test, so that tests do not share an allowance. */
    private String tokenForNewClient(Http http, String id) {
        clients.register(id, id + "-secret", id, Set.of(ApiClients.CASE_STATUS_SCOPE));
        return http.token(id, id + "-secret");
    }

    @Test
    void aClientPastItsBurstGets429WithRetryAfter() {
        var http = new Http(port);
        String token = tokenForNewClient(http, "burst-client");
        for (int i = 0; i < 3; i++) {
            assertThat(http.getWithBearer("/case-status/EAC2590000101", token).status()).isEqualTo(200);
        }

        var limited = http.getWithBearer("/case-status/EAC2590000101", token);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asString()).isEqualTo("429");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 10);
    }

    @Test
    void eachClientHasItsOwnAllowance() {
        var http = new Http(port);
        String first = tokenForNewClient(http, "greedy-client");
        for (int i = 0; i < 5; i++) {
            http.getWithBearer("/case-status/EAC2590000101", first);
        }

        var other = http.getWithBearer("/case-status/EAC2590000101", tokenForNewClient(http, "patient-client"));

        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void thePublicPageLimitsEachVisitorToo() {
        var http = new Http(port);
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = http.get("/check-case-status?receipt=EAC2590000101").status();
        }

        var page = http.get("/check-case-status?receipt=EAC2590000101");

        assertThat(last).isEqualTo(429);
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Retry-After")).isNotBlank();
        assertThat(page.body()).contains("wait");
    }
}
