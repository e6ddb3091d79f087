package org.caseline.messaging;

import java.util.Locale;
import java.util.UUID;

import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mail handed to the outbox reaches the person's inbox on the embedded server, over real SMTP and IMAP. */
@CaseLineTest
@Import(MovableClock.Settable.class)
class OutboxTest {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    EmbeddedMailServer server;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private static String someone() {
        return "someone-" + UUID.randomUUID() + "@example.com";
    }

    private Mailbox inboxOf(String address) {
        return new Mailbox(server.host(), server.imapPort(), address);
    }

    @Test
    void aMailQueuedWithItsChangeArrivesInSpanishAsWritten() {
        String address = someone();
        tx.executeWithoutResult(s -> outbox.send(new Mail(address, "Su inscripción está confirmada",
                "Hola, Begoña:\nSu lugar está reservado. ¡Gracias!", Locale.forLanguageTag("es"), "test")));

        var mail = inboxOf(address).awaitMails(1).getFirst();
        assertThat(mail.subject()).isEqualTo("Su inscripción está confirmada");
        assertThat(mail.body()).isEqualTo("Hola, Begoña:\nSu lugar está reservado. ¡Gracias!");
        assertThat(mail.from()).contains("no-reply@caseline.example");
        assertThat(mail.language()).isEqualTo("es");
        assertThat(mail.autoSubmitted()).isEqualTo("auto-generated");
    }

    @Test
    void aChangeRolledBackSendsNothing() {
        String address = someone();
        tx.executeWithoutResult(s -> {
            outbox.send(new Mail(address, "Never", "This change is rolled back", Locale.ENGLISH, "test"));
            s.setRollbackOnly();
        });
        // a mail queued after it, to the same person, is the sign the worker has been by
        tx.executeWithoutResult(s -> outbox.send(new Mail(address, "Afterwards", "This one goes", Locale.ENGLISH, "test")));

        var mails = inboxOf(address).awaitMails(1);
        assertThat(mails).extracting(Mailbox.Received::subject).containsExactly("Afterwards");
        assertThat(jdbc.sql("select count(*) from messaging_outbox where recipient = ?").param(address).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void mailIsOnlyQueuedInsideTheChangeThatCausesIt() {
        assertThatThrownBy(() -> outbox.send(new Mail(someone(), "Alone", "No transaction", Locale.ENGLISH, "test")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void somethingThatIsNotAnAddressIsRefusedBeforeItIsQueued() {
        assertThatThrownBy(() -> new Mail("grace-at-example.com", "Hi", "Body", Locale.ENGLISH, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an email address");
    }

    @Test
    void theOutboxIsForAdministratorsOnly() {
        var http = new Http(port);
        assertThat(http.getAs("/api/mail/outbox?status=SENT", "tier1", "demo").status()).isEqualTo(403);
        assertThat(http.getAs("/api/mail/outbox?status=SENT", "admin", "demo").status()).isEqualTo(200);
        assertThat(http.getAs("/api/mail/outbox?status=LOST", "admin", "demo").json().get("message").asString())
                .isEqualTo("status must be PENDING, SENT or FAILED");
        assertThat(http.sendJson("POST", "/api/mail/outbox/999999999/retry", "", "admin", "demo").status()).isEqualTo(404);
    }
}
