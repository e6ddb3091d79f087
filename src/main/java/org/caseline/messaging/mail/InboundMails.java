package org.caseline.messaging.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.caseline.messaging.InboundMail;

/**
 * Reads a mail as an agent needs it: who, what about, the text (the plain part; an HTML-only mail's
 * text with its markup taken out, since it is shown as text and never rendered), which mails it
 * answers, and whether a machine wrote it. What cannot be read is said in the text rather than
 * dropping the mail.
 */
final class InboundMails {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Set<String> MACHINE_SENDERS = Set.of("mailer-daemon", "postmaster", "no-reply", "noreply", "do-not-reply",
            "donotreply", "bounce", "bounces");
    private static final Set<String> BULK = Set.of("bulk", "junk", "list", "auto_reply");

    private InboundMails() {
    }

    static InboundMail read(MimeMessage message) throws MessagingException {
        String messageId = firstId(message.getMessageID());
        List<String> answering = new ArrayList<>();
        for (String header : new String[] {"In-Reply-To", "References"}) {
            String[] values = message.getHeader(header);
            if (values != null) {
                for (String value : values) {
                    Matcher id = MESSAGE_ID.matcher(value);
                    while (id.find()) {
                        if (!answering.contains(id.group()) && answering.size() < 50) {
                            answering.add(id.group());
                        }
                    }
                }
            }
        }
        InternetAddress from = sender(message);
        String fromAddress = from == null ? "unknown@invalid" : from.getAddress().toLowerCase(Locale.ROOT);
        String fromName = from == null || from.getPersonal() == null || from.getPersonal().isBlank() ? null : oneLine(from.getPersonal());
        String subject = message.getSubject() == null || message.getSubject().isBlank() ? "(no subject)" : oneLine(message.getSubject());
        List<String> files = new ArrayList<>();
        String text;
        try {
            text = text(message, files);
        } catch (IOException | MessagingException e) {
            text = "(This mail could not be read: " + e.getMessage() + ")";
        }
        if (text == null) {
            text = "";
        }
        String key = messageId != null ? messageId : "sha256:" + digest(fromAddress + "\n" + message.getHeader("Date", ",") + "\n" + subject + "\n" + text);
        return new InboundMail(key, messageId, answering, fromAddress, fromName, subject, text.replace("\r\n", "\n"),
                language(message), files, automatic(message, fromAddress));
    }

    /**
     * A machine's mail: {@code Auto-Submitted} other than "no" (RFC 3834), a bulk or list
     * {@code Precedence}, a mailing list's headers, an auto-responder's own markers, a bounce (empty
     * return path) or a sender that only machines use.
     */
    private static boolean automatic(MimeMessage message, String fromAddress) throws MessagingException {
        String auto = message.getHeader("Auto-Submitted", ",");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = message.getHeader("Precedence", ",");
        if (precedence != null && BULK.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (String header : new String[] {"List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"}) {
            if (message.getHeader(header) != null) {
                return true;
            }
        }
        String returnPath = message.getHeader("Return-Path", ",");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return true;
        }
        return MACHINE_SENDERS.contains(fromAddress.substring(0, Math.max(0, fromAddress.indexOf('@'))));
    }

    private static InternetAddress sender(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            return null; // a From the parser cannot read: the mail is still kept
        }
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress address && address.getAddress() != null
                && address.getAddress().contains("@")) {
            return address;
        }
        return null;
    }

    /** The plain text of a part: text/plain as it is, text/html without its markup, the first readable part of an alternative. */
    private static String text(Part part, List<String> files) throws MessagingException, IOException {
        String disposition = part.getDisposition();
        if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || (part.getFileName() != null && !part.isMimeType("text/*"))) {
            files.add(part.getFileName() == null ? "(unnamed)" : oneLine(MimeUtility.decodeText(part.getFileName())));
            return null;
        }
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return withoutMarkup(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
            boolean alternative = part.isMimeType("multipart/alternative");
            String plain = null;
            String html = null;
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart body = parts.getBodyPart(i);
                String text = text(body, files);
                if (text == null) {
                    continue;
                }
                if (alternative) {
                    if (body.isMimeType("text/html")) {
                        html = html == null ? text : html;
                    } else {
                        plain = plain == null ? text : plain;
                    }
                } else {
                    mixed.append(mixed.isEmpty() ? "" : "\n\n").append(text);
                }
            }
            return alternative ? (plain != null ? plain : html) : mixed.toString();
        }
        if (part.isMimeType("message/rfc822")) {
            return "(a forwarded mail)";
        }
        if (part.getFileName() != null || !part.isMimeType("text/*")) {
            files.add(part.getFileName() == null ? part.getContentType() : oneLine(part.getFileName()));
            return null;
        }
        return String.valueOf(part.getContent());
    }

    /** An HTML mail's words, for showing as text: scripts and styles gone, breaks kept, tags out, the common entities read. */
    static String withoutMarkup(String html) {
        String text = html.replaceAll("(?is)<(script|style|head)\\b.*?</\\1\\s*>", " ")
                .replaceAll("(?i)<br\\s*/?>|</p\\s*>|</div\\s*>|</li\\s*>|</tr\\s*>|</h[1-6]\\s*>", "\n")
                .replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?s)<[^>]*>", "");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        return text.replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n\\s*\\n+", "\n\n").strip();
    }

    private static String language(MimeMessage message) throws MessagingException {
        String language = message.getHeader("Content-Language", ",");
        if (language == null) {
            return null;
        }
        String primary = language.strip().toLowerCase(Locale.ROOT);
        return primary.startsWith("es") ? "es" : primary.startsWith("en") ? "en" : null;
    }

    private static String firstId(String header) {
        if (header == null) {
            return null;
        }
        Matcher id = MESSAGE_ID.matcher(header);
        return id.find() && id.group().length() <= 500 ? id.group() : null;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
