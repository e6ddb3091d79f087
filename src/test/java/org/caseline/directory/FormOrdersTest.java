package org.caseline.directory;

import java.util.Map;
import java.util.UUID;

import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A paper form by mail: only forms sent that way, to a whole address whose ZIP code is in its state; a reference back. */
@CaseLineTest
class FormOrdersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer mail;

    private Http.Response order(String form, Map<String, Object> body) {
        var http = new Http(port);
        return http.send(http.request("/api/forms/" + form + "/orders?lang=es").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    @Test
    void aCallerGetsAPaperI90MailedAndAReference() {
        String email = "orderer-" + UUID.randomUUID() + "@example.com";
        Http.Response ordered = order("I-90", Map.of("name", "Ana Ruiz", "email", email,
                "address", Map.of("street", "810 Main Street", "city", "Houston", "state", "TX", "zip", "77002")));

        assertThat(ordered.status()).as(ordered.body()).isEqualTo(201);
        String reference = ordered.json().path("reference").asString();
        assertThat(reference).matches("FO-[0-9A-F]{8}");
        var confirmation = new Mailbox(mail.host(), mail.imapPort(), email).awaitMails(1).getFirst();
        assertThat(confirmation.subject()).isEqualTo("Su pedido del Formulario I-90");
        assertThat(confirmation.body()).contains(reference);
    }

    @Test
    void whatCannotBeSentIsSaidPlainly() {
        Map<String, Object> houston = Map.of("street", "810 Main Street", "city", "Houston", "state", "TX", "zip", "77002");
        assertThat(order("I-129", Map.of("name", "Ana", "address", houston)).json().path("message").asString())
                .startsWith("Form I-129 is not sent by mail");
        assertThat(order("I-90", Map.of("name", "Ana", "address", Map.of("street", "1 Main St", "city", "Houston", "state", "CA",
                "zip", "77002"))).json().path("message").asString()).isEqualTo("ZIP code 77002 is in TX, not CA");
        assertThat(order("I-90", Map.of("name", "Ana", "address", Map.of("city", "Houston"))).status()).isEqualTo(400);
        assertThat(order("X-1", Map.of("name", "Ana", "address", houston)).status()).isEqualTo(404);
    }
}
