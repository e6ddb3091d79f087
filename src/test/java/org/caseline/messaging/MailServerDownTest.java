package org.caseline.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spring.mail.host} set, that server is used and nothing embedded starts. While it is
 * down, mail waits and is tried again later and later; after the last attempt it is failed and
 * shown to administrators, who send it again once the server is back.
 */
@CaseLineTest
@DirtiesContext
@Import(MovableClock.Settable.class)
class MailServerDownTest {

    private static final int SMTP_PORT = freePort();
    private static final int IMAP_PORT = freePort();

    @DynamicPropertySource
    static void aMailServerThatIsNotThereYet(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP_PORT);
        properties.add("caseline.mail.max-attempts", () -> 2);
        properties.add("caseline.mail.first-retry", () -> "10m");
        // the office boxes are read from the same server; a reader that lost it tries again soon here
        properties.add("caseline.mail.imap.port", () -> IMAP_PORT);
        properties.add("caseline.mail.imap.poll", () -> "1s");
        properties.add("caseline.mail.imap.longest-retry", () -> "2s");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anOfficeBoxWhoseServerGoesAwayIsShownDownAndIsReadAgainByItselfWhenTheServerIsBack() throws Exception {
        var http = new Http(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> !vscBox(http).path("up").asBoolean()
                && vscBox(http).path("lastError").asString().contains("Connect"));

        GreenMail server = startServer();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> vscBox(http).path("up").asBoolean());
        } finally {
            server.stop();
        }
        await("the outage is shown, not hidden").atMost(Duration.ofSeconds(15)).until(() -> !vscBox(http).path("up").asBoolean());

        server = startServer();
        try {
            String sender = "back-" + System.nanoTime() + "@example.com";
            var settings = new java.util.Properties();
            settings.put("mail.smtp.host", "127.0.0.1");
            settings.put("mail.smtp.port", Integer.toString(SMTP_PORT));
            var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(settings));
            message.setFrom(sender);
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, "vsc.case-questions@caseline.example");
            message.setSubject("Written while you were away");
            message.setText("Is my case still pending?");
            jakarta.mail.Transport.send(message);

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from contact_message where email = ? and mailbox is not null").param(sender).query(Integer.class).single() == 1);
            assertThat(vscBox(http).path("up").asBoolean()).isTrue();
            assertThat(vscBox(http).path("lastError").isNull()).isTrue();
        } finally {
            server.stop();
        }
    }

    private static tools.jackson.databind.JsonNode vscBox(Http http) {
        return http.getAs("/api/mail/mailboxes", "admin", "demo").json().valueStream()
                .filter(b -> b.path("office").asString().equals("VSC")).findFirst().orElseThrow();
    }

    private static GreenMail startServer() {
        GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"),
                new ServerSetup(IMAP_PORT, "127.0.0.1", "imap")})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return server;
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MovableClock clock;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void mailWaitsForTheServerFailsAfterItsLastAttemptAndGoesWhenAnAdministratorSendsItAgain() {
        assertThat(context.getBeanNamesForType(EmbeddedMailServer.class)).isEmpty();

        long id = tx.execute(s -> outbox.send(new Mail("grace@example.com", "Your registration", "You are registered.",
                Locale.ENGLISH, "test")));
        // the attempt is counted when the worker takes the mail, its error when the send has failed
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.find(id).orElseThrow().lastError() != null);
        var waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(Outbox.Status.PENDING);
        assertThat(waiting.lastError()).contains("Connect");
        assertThat(waiting.nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(9)));

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.find(id).orElseThrow().status() == Outbox.Status.FAILED);

        var http = new Http(port);
        var failed = http.getAs("/api/mail/outbox", "admin", "demo").json();
        assertThat(failed.findValuesAsString("id")).contains(Long.toString(id));

        // the server is back; then the administrator sends the mail again (the other way round, the
        // worker may try before the server listens and wait its backoff)
        GreenMail server = startServer();
        try {
            assertThat(http.sendJson("POST", "/api/mail/outbox/" + id + "/retry", "", "admin", "demo").json().get("status").asString())
                    .isIn("PENDING", "SENT");
            var mail = new Mailbox("127.0.0.1", IMAP_PORT, "grace@example.com").awaitMails(1).getFirst();
            assertThat(mail.subject()).isEqualTo("Your registration");
            assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(Outbox.Status.SENT);
            assertThat(http.sendJson("POST", "/api/mail/outbox/" + id + "/retry", "", "admin", "demo").status()).isEqualTo(409);
        } finally {
            server.stop();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
