package org.caseline.directory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks every minute for events starting within a day whose registrants have not been reminded. */
@Component
class EventReminders {

    private final EventRegistrations registrations;

    EventReminders(EventRegistrations registrations) {
        this.registrations = registrations;
    }

    @Scheduled(fixedDelayString = "${caseline.directory.reminder-check:1m}", initialDelayString = "${caseline.directory.reminder-check:1m}")
    void remind() {
        registrations.remindOfUpcoming();
    }
}
