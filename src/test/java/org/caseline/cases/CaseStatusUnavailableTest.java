package org.caseline.cases;

import org.caseline.platform.db.EmbeddedPostgres;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With the database gone, callers hear "unavailable, try later", never a server error. */
@CaseLineTest
@DirtiesContext
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class CaseStatusUnavailableTest {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedPostgres database;

    @Test
    void theApiAndThePageSay503WhenTheDatabaseIsDown() {
        var http = new Http(port);
        String token = http.token("demo", "demo-secret");

        database.close();

        var api = http.getWithBearer("/case-status/EAC2590000101", token);
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.json().get("code").asString()).isEqualTo("503");
        assertThat(api.header("Retry-After")).isNotBlank();
        var page = http.get("/check-case-status?lang=en&receipt=EAC2590000101");
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("not available right now");
    }
}
