package org.caseline.servicerequests;

import java.time.LocalDate;
import java.util.Locale;

import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.caseline.platform.Languages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a requester is told by mail: the reference and when to expect an answer; that the office
 * needs something from them; that an answer is waiting. Never the case itself, nor the answer:
 * those are behind the status page, for whoever has the reference and the requester's email or postal code.
 */
@Component
class RequestMails {

    private final Outbox outbox;
    private final MessageSource messages;
    private final String site;

    RequestMails(Outbox outbox, MessageSource messages, @Value("${caseline.public-url:http://localhost:8080}") String site) {
        this.outbox = outbox;
        this.messages = messages;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }

    void filed(String to, Locale language, ServiceReference reference, RequestTypes.RequestType type, LocalDate due) {
        send(to, language, "filed", reference, type.name().in(language), Languages.longDate(due, language));
    }

    void informationRequested(String to, Locale language, ServiceReference reference) {
        send(to, language, "waiting", reference);
    }

    void answered(String to, Locale language, ServiceReference reference) {
        send(to, language, "answered", reference);
    }

    private void send(String to, Locale language, String kind, ServiceReference reference, Object... more) {
        Object[] args = new Object[2 + more.length];
        args[0] = reference.value();
        args[1] = site + "/service-requests/status?reference=" + reference.value() + "&lang=" + language.getLanguage();
        System.arraycopy(more, 0, args, 2, more.length);
        String body = messages.getMessage("sr.mail." + kind + ".body", args, language) + "\n\n-- \n"
                + messages.getMessage("mail.signature", null, language);
        outbox.send(new Mail(to, messages.getMessage("sr.mail." + kind + ".subject", args, language), body, language,
                "service-request-" + kind));
    }
}
