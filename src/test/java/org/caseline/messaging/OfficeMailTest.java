package org.caseline.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.caseline.messaging.mail.EmbeddedMailServer;
import org.caseline.routing.Router;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail to an office's box, over real SMTP and IMAP sockets: the box is read as mail arrives, the
 * sender is acknowledged once, a Tier 2 officer answers from the desk (never with the case's
 * details), the answer comes from the box in the sender's thread, the sender's out-of-office
 * answer to it starts nothing, and their real reply joins the same thread and waits again.
 */
@CaseLineTest
class OfficeMailTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VSC_BOX = "vsc.case-questions@caseline.example";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedMailServer mail;
    @Autowired
    Router router;
    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void onlyTier2IsThereAndNothingWaits() {
        http = new Http(port);
        org.caseline.support.WrittenContacts.nothingWaitsAndNoOneIsThere(jdbc, router);
    }

    @AfterEach
    void tier2LeavesWithNothingInHand() {
        org.caseline.support.WrittenContacts.leavesWithNothingInHand(router, "tier2");
    }

    @Test
    void mailToAnOfficeIsAcknowledgedOnceAnsweredFromTheBoxInItsThreadAndARealReplyWaitsAgainButAnAutoReplyDoesNot() throws Exception {
        String sender = "writer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String question = "<question-" + UUID.randomUUID() + "@example.com>";
        send(sender, "Pedro Alves", "My I-485 interview", "Hello, when will my interview be scheduled?", question, Map.of());

        Mailbox inbox = new Mailbox(mail.host(), mail.imapPort(), sender);
        Mailbox.Received ack = inbox.awaitMails(1).getFirst();
        String reference = ack.subject().replaceAll(".*\\[(M-\\d{8})].*", "$1");
        assertThat(reference).matches("M-\\d{8}");
        assertThat(ack.subject()).contains("My I-485 interview");
        assertThat(ack.from()).isEqualTo(VSC_BOX);
        assertThat(ack.inReplyTo()).isEqualTo(question);
        assertThat(ack.autoSubmitted()).isEqualTo("auto-replied");
        assertThat(ack.body()).contains("Vermont Service Center", reference);

        asTier2("PUT", "/api/agents/me/state", Map.of("state", "AVAILABLE"));
        JsonNode offered = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> message(reference), m -> m != null);
        assertThat(offered.path("queue").asString()).isEqualTo("mailbox-vsc");
        String id = offered.path("id").asString();
        asTier2("POST", "/api/agents/me/interactions/" + id + "/accept", null);
        JsonNode thread = asTier2("GET", "/api/agents/me/interactions/" + id + "/thread", null).json();
        assertThat(thread.path("subject").asString()).isEqualTo("My I-485 interview");
        assertThat(thread.path("office").asString()).isEqualTo("VSC");
        assertThat(thread.path("from").asString()).isEqualTo("Pedro Alves");
        assertThat(thread.path("entries").get(0).path("body").asString().strip()).isEqualTo("Hello, when will my interview be scheduled?");

        Http.Response withReceipt = asTier2("POST", "/api/agents/me/interactions/" + id + "/reply",
                Map.of("text", "Your case IOE0912345678 is scheduled."));
        assertThat(withReceipt.status()).as("an office's answer by plain mail holds no case details either").isEqualTo(422);
        assertThat(withReceipt.json().path("message").asString()).contains("IOE0912345678");
        Http.Response answered = asTier2("POST", "/api/agents/me/interactions/" + id + "/reply",
                Map.of("text", "Interviews are scheduled by notice; your online account shows it the day it is sent."));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        asTier2("POST", "/api/agents/me/interactions/" + id + "/close", Map.of("disposition", "answered"));

        Mailbox.Received answer = inbox.awaitMails(2).get(1);
        assertThat(answer.subject()).isEqualTo("Re: My I-485 interview [" + reference + "]");
        assertThat(answer.from()).as("from the box, so that the reply comes back to it").isEqualTo(VSC_BOX);
        assertThat(answer.inReplyTo()).isEqualTo(question);
        assertThat(answer.autoSubmitted()).isNull();

        // the sender's mail system answers the answer by itself: kept, but nothing is sent or queued
        send(sender, "Pedro Alves", "Out of office: " + answer.subject(), "I am away until Monday.", "<away-" + UUID.randomUUID() + "@example.com>",
                Map.of("Auto-Submitted", "auto-replied", "In-Reply-To", answer.messageId()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mails(reference, "AUTOMATIC") == 1);
        assertThat(message(reference)).as("an auto-reply is no question").isNull();

        // then the person answers, in HTML only: the reply joins the thread, shown as text
        send(sender, "Pedro Alves", answer.subject(), null, "<reply-" + UUID.randomUUID() + "@example.com>",
                Map.of("In-Reply-To", answer.messageId(), "References", question + " " + answer.messageId(),
                        "html", "<p>Thank you!</p><script>alert('x')</script><p>One more question.</p>"));
        JsonNode again = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> message(reference), m -> m != null);
        asTier2("POST", "/api/agents/me/interactions/" + again.path("id").asString() + "/accept", null);
        JsonNode entries = asTier2("GET", "/api/agents/me/interactions/" + again.path("id").asString() + "/thread", null).json().path("entries");
        assertThat(entries).hasSize(4);
        assertThat(entries.get(2).path("author").asString()).endsWith("(automatic)");
        String reply = entries.get(3).path("body").asString();
        assertThat(reply).contains("Thank you!", "One more question.").doesNotContain("<", "alert");

        assertThat(inbox.read()).as("one acknowledgement for the thread, one answer, nothing for the auto-reply").hasSize(2);
        JsonNode box = http.getAs("/api/mail/mailboxes", "admin", "demo").json().valueStream()
                .filter(b -> b.path("mailbox").asString().equals(VSC_BOX)).findFirst().orElseThrow();
        assertThat(box.path("up").asBoolean()).isTrue();
        assertThat(box.path("mode").asString()).as("the embedded server offers IDLE").isEqualTo("idle");
        assertThat(box.path("queue").asString()).isEqualTo("mailbox-vsc");
    }

    @Test
    void aMailNamingAThreadsReferenceFromSomeoneElseStartsItsOwnThread() throws Exception {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        send(owner, null, "Name change", "I married; how do I update my name?", "<first-" + UUID.randomUUID() + "@example.com>", Map.of());
        String reference = new Mailbox(mail.host(), mail.imapPort(), owner).awaitMails(1).getFirst().subject()
                .replaceAll(".*\\[(M-\\d{8})].*", "$1");

        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        send(stranger, null, "About " + reference, "Tell me about this thread.", "<other-" + UUID.randomUUID() + "@example.com>", Map.of());
        String theirs = new Mailbox(mail.host(), mail.imapPort(), stranger).awaitMails(1).getFirst().subject()
                .replaceAll(".*\\[(M-\\d{8})].*", "$1");
        assertThat(theirs).as("a reference alone joins a thread only from its own sender").isNotEqualTo(reference);

        send(owner, null, "Again about " + reference, "Also: is the fee the same?", "<second-" + UUID.randomUUID() + "@example.com>", Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from contact_message_entry where reference = ?").param(reference).query(Integer.class).single() == 2);
        assertThat(new Mailbox(mail.host(), mail.imapPort(), owner).read()).as("acknowledged once per thread").hasSize(1);
    }

    /** A mail as a person's mail client sends it to the VSC box: plain text, or HTML when {@code headers} has "html". */
    private void send(String from, String name, String subject, String text, String messageId, Map<String, String> headers)
            throws MessagingException, java.io.UnsupportedEncodingException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", mail.host());
        settings.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(settings)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(name == null ? new InternetAddress(from) : new InternetAddress(from, name));
        message.setRecipients(Message.RecipientType.TO, VSC_BOX);
        message.setSubject(subject, "UTF-8");
        if (headers.containsKey("html")) {
            message.setContent(headers.get("html"), "text/html; charset=UTF-8");
        } else {
            message.setText(text, "UTF-8");
        }
        for (var header : headers.entrySet()) {
            if (!header.getKey().equals("html")) {
                message.setHeader(header.getKey(), header.getValue());
            }
        }
        Transport.send(message);
    }

    private long mails(String reference, String outcome) {
        return jdbc.sql("select count(*) from mailbox_mail where reference = ? and outcome = ?").params(reference, outcome)
                .query(Long.class).single();
    }

    private Http.Response asTier2(String method, String path, Object body) {
        return http.sendJson(method, path, body == null ? "" : JSON.writeValueAsString(body), "tier2", "demo");
    }

    /** The message with this reference among those tier2 holds, or null. */
    private JsonNode message(String reference) {
        for (JsonNode m : asTier2("GET", "/api/agents/me", null).json().path("messages")) {
            if (reference.equals(m.path("attributes").path("reference").asString())) {
                return m;
            }
        }
        return null;
    }
}
