package org.caseline.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import static org.awaitility.Awaitility.await;

/**
 * Someone's inbox on a mail server, read over IMAP as a mail client reads it (the embedded server
 * takes the address as the user name and any password).
 */
public final class Mailbox {

    /** One mail as its reader sees it; {@code attachments} maps each attached file's name to its text. */
    public record Received(String from, String subject, String body, String language, String autoSubmitted, String messageId,
                           String inReplyTo, java.util.Map<String, String> attachments) {
    }

    private final String host;
    private final int imapPort;
    private final String address;

    public Mailbox(String host, int imapPort, String address) {
        this.host = host;
        this.imapPort = imapPort;
        this.address = address;
    }

    public List<Received> read() {
        Properties settings = new Properties();
        settings.put("mail.imap.connectiontimeout", "5000");
        settings.put("mail.imap.timeout", "5000");
        try {
            Store store = Session.getInstance(settings).getStore("imap");
            store.connect(host, imapPort, address, "any password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<Received> mails = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    String[] language = m.getHeader("Content-Language");
                    String[] auto = m.getHeader("Auto-Submitted");
                    String[] id = m.getHeader("Message-ID");
                    String[] answering = m.getHeader("In-Reply-To");
                    java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
                    String body = text(m.getContent(), files);
                    mails.add(new Received(m.getFrom()[0].toString(), m.getSubject(), body.replace("\r\n", "\n"),
                            language == null ? null : language[0], auto == null ? null : auto[0], id == null ? null : id[0],
                            answering == null ? null : answering[0], files));
                }
                inbox.close(false);
                return mails;
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Could not read " + address + "'s mail: " + e.getMessage(), e);
        }
    }

    /** The text of a mail's content: itself, or of a multipart mail the first text part, its files collected on the way. */
    private static String text(Object content, java.util.Map<String, String> files) throws MessagingException, IOException {
        if (!(content instanceof jakarta.mail.Multipart parts)) {
            return content.toString();
        }
        String body = "";
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                files.put(part.getFileName(), new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } else if (body.isEmpty()) {
                body = text(part.getContent(), files);
            }
        }
        return body;
    }

    /** Waits for the inbox to hold at least {@code count} mails, and returns them all, oldest first. */
    public List<Received> awaitMails(int count) {
        // GreenMail creates a new address's user on first delivery and on first IMAP login, and the
        // two can race (its handler thread then throws and the login fails): such a look is tried again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .dontCatchUncaughtExceptions().ignoreExceptions().until(() -> read().size() >= count);
        return read();
    }
}
