package org.caseline.platform;

import java.time.Duration;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets event publications delivered more than a week ago. The registry keeps each event until
 * its listeners are done so that a node that dies delivers it on restart; once done, a row per
 * call and per contact is only weight (millions a year on a busy center).
 */
@Component
class EventPublicationCleanup {

    static final Duration KEPT = Duration.ofDays(7);

    private final CompletedEventPublications completed;

    EventPublicationCleanup(CompletedEventPublications completed) {
        this.completed = completed;
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void forgetDelivered() {
        completed.deletePublicationsOlderThan(KEPT);
    }
}
