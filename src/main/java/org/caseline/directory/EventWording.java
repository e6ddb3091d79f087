package org.caseline.directory;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** When and where an event is, as a person reads it in their language: the page and the mail say it alike. */
@Component
public class EventWording {

    private final MessageSource messages;

    EventWording(MessageSource messages) {
        this.messages = messages;
    }

    public String when(Events.Event event, Locale language) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(language);
        return event.start().format(format) + " (" + event.start().getZone().getId() + ")";
    }

    public String where(Events.Event event, Locale language) {
        return switch (event.format()) {
            case IN_PERSON -> event.office().name().in(language) + ", " + event.office().address().oneLine();
            case ONLINE -> messages.getMessage("events.online", new Object[] {event.url()}, language);
            case CALL_IN -> messages.getMessage("events.callin", new Object[] {event.callInNumber(), event.callInPasscode()}, language);
        };
    }
}
