package org.caseline.messaging;

import java.util.Map;
import java.util.UUID;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved replies: shipped for each topic in English and Spanish, read by agents, kept by
 * administrators; one that would go by plain mail cannot be saved with case details in it.
 */
@CaseLineTest
class CannedRepliesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void everyTopicHasItsDefaultInBothLanguagesAndAgentsReadThem() {
        Http http = new Http(port);
        JsonNode spanish = http.getAs("/api/canned-replies?topic=office-mail&language=es", "tier2", "demo").json();
        assertThat(spanish.size()).isEqualTo(1);
        assertThat(spanish.get(0).path("title").asString()).isEqualTo("Escríbanos desde su cuenta");
        JsonNode all = http.getAs("/api/canned-replies", "tier1", "demo").json();
        assertThat(all.valueStream().filter(r -> r.path("language").asString().equals("en")).count())
                .isEqualTo(all.valueStream().filter(r -> r.path("language").asString().equals("es")).count());
        assertThat(http.getAs("/api/canned-replies", "nobody", "wrong").status()).isEqualTo(401);
    }

    @Test
    void anAdministratorKeepsThemAndOneForPlainMailCannotHoldCaseDetails() {
        Http http = new Http(port);
        String title = "Fee waivers " + UUID.randomUUID().toString().substring(0, 6);
        Http.Response refused = admin(http, "POST", "/api/canned-replies", Map.of("topic", "forms-and-fees", "language", "en",
                "title", title, "body", "Your case IOE0912345678 qualifies."));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("code").asString()).isEqualTo("case-details");
        assertThat(refused.json().path("message").asString()).contains("IOE0912345678");

        Http.Response made = admin(http, "POST", "/api/canned-replies", Map.of("topic", "forms-and-fees", "language", "en",
                "title", title, "body", "Form I-912 asks for a fee waiver; its page says who qualifies."));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().path("id").asString();
        assertThat(made.json().path("updatedBy").asString()).isEqualTo("admin");
        assertThat(admin(http, "POST", "/api/canned-replies", Map.of("topic", "forms-and-fees", "language", "en", "title", title,
                "body", "Again")).status()).as("one title per topic and language").isEqualTo(409);

        assertThat(admin(http, "PUT", "/api/canned-replies/" + id, Map.of("topic", "secure", "language", "en", "title", title,
                "body", "Your case IOE0912345678 qualifies for a waiver.")).status())
                .as("inside the account, the case may be named").isEqualTo(200);
        assertThat(http.sendJson("POST", "/api/canned-replies", JSON.writeValueAsString(Map.of("topic", "secure", "language", "en",
                "title", "x", "body", "y")), "tier1", "demo").status()).as("agents read, administrators write").isEqualTo(403);
        Http.Response bad = admin(http, "POST", "/api/canned-replies", Map.of("topic", "visas", "language", "fr", "title", "", "body", ""));
        assertThat(bad.json().path("problems").valueStream().map(p -> p.path("field").asString()))
                .containsExactly("topic", "language", "title", "body");

        assertThat(http.sendJson("DELETE", "/api/canned-replies/" + id, "", "admin", "demo").status()).isEqualTo(204);
        assertThat(http.sendJson("DELETE", "/api/canned-replies/" + id, "", "admin", "demo").status()).isEqualTo(404);
    }

    private static Http.Response admin(Http http, String method, String path, Object body) {
        return http.sendJson(method, path, JSON.writeValueAsString(body), "admin", "demo");
    }
}
