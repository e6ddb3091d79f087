package org.caseline.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.caseline.platform.LocalizedText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a registrant is told by mail, in their language: that they are registered or waiting, that
 * a place opened for them, that they cancelled, and the day before, a reminder. Each mail carries
 * their own link to cancel. Called inside the change it reports, so it goes only if that commits.
 */
@Component
class EventMails {

    enum Kind { REGISTERED, WAITLISTED, PROMOTED, CANCELLED, REMINDER }

    /** Whom to write to, and what identifies their registration. */
    record Registrant(String name, String email, Locale language, String reference, String token, Integer waitlistPosition) {
    }

    private final Outbox outbox;
    private final MessageSource messages;
    private final EventWording wording;
    private final String site;

    EventMails(Outbox outbox, MessageSource messages, EventWording wording, @Value("${caseline.public-url:http://localhost:8080}") String site) {
        this.outbox = outbox;
        this.messages = messages;
        this.wording = wording;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }

    void send(Kind kind, Events.Event event, LocalizedText rule, Registrant to) {
        Locale language = to.language();
        String title = event.title().in(language);
        String key = "mail.event." + kind.name().toLowerCase(Locale.ROOT);
        String cancelLink = site + "/events/" + event.id() + "/cancel/" + to.token() + "?lang=" + language.getLanguage();
        List<String> lines = new ArrayList<>();
        lines.add(text("mail.event.greeting", language, to.name()));
        lines.add("");
        lines.add(switch (kind) {
            case WAITLISTED -> text(key + ".lead", language, title, to.waitlistPosition());
            case CANCELLED -> text(key + ".lead", language, title, site + "/events?lang=" + language.getLanguage());
            default -> text(key + ".lead", language, title);
        });
        if (kind != Kind.CANCELLED) {
            lines.add("");
            lines.add(text("mail.event.when", language, wording.when(event, language)));
            lines.add(text("mail.event.where", language, wording.where(event, language)));
            lines.add(text("mail.event.reference", language, to.reference()));
            lines.add("");
            if (kind == Kind.WAITLISTED) {
                lines.add(text("mail.event.leave", language, cancelLink));
            } else {
                lines.add(text("mail.event.calendar", language, site + "/api/events/" + event.id() + ".ics?lang=" + language.getLanguage()));
                lines.add(text("mail.event.cancel", language, cancelLink));
                lines.add("");
                lines.add(rule.in(language));
            }
        } else {
            lines.add(text("mail.event.reference", language, to.reference()));
        }
        lines.add("");
        lines.add("-- ");
        lines.add(text("mail.signature", language));
        outbox.send(new Mail(to.email(), text(key + ".subject", language, title), String.join("\n", lines), language,
                "event-" + kind.name().toLowerCase(Locale.ROOT)));
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
