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
        GreenMail server = new GreenMail(new ServerSetup[] {new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"),
                new ServerSetup(IMAP_PORT, "127.0.0.1", "imap")})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
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
