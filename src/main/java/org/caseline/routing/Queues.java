package org.caseline.routing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.caseline.ivr.Lines;
import org.springframework.stereotype.Component;

/** The configured queues, checked at start-up: a queue that names a missing line or target stops the start. */
@Component
public class Queues {

    private final Map<String, RoutingProperties.Queue> byId = new LinkedHashMap<>();
    /** Each queue's after-hours and overflow handling, read from the configuration once. */
    private final Map<String, Handling> afterHours = new LinkedHashMap<>();
    private final Map<String, Handling> overflow = new LinkedHashMap<>();
    private final Lines lines;

    Queues(RoutingProperties settings, Lines lines) {
        this.lines = lines;
        List<String> problems = new ArrayList<>();
        for (RoutingProperties.Queue queue : settings.queues()) {
            if (byId.put(queue.id(), queue) != null) {
                problems.add("queue " + queue.id() + " is defined twice");
            }
        }
        for (RoutingProperties.Queue queue : settings.queues()) {
            if (queue.line() != null && lines.byNumber(queue.line()).isEmpty()) {
                problems.add("queue " + queue.id() + ": no line " + queue.line());
            }
            if (queue.tier() != 1 && queue.tier() != 2) {
                problems.add("queue " + queue.id() + ": tier must be 1 or 2");
            }
            if (queue.skills().isEmpty()) {
                problems.add("queue " + queue.id() + ": no skills");
            }
            read(queue, queue.afterHours(), afterHours, problems);
            read(queue, queue.overflow(), overflow, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Routing configuration: " + String.join("; ", problems));
        }
    }

    private void read(RoutingProperties.Queue queue, String text, Map<String, Handling> into, List<String> problems) {
        try {
            Handling handling = Handling.parse(text);
            if (handling instanceof Handling.ToQueue to && !byId.containsKey(to.queue())) {
                problems.add("queue " + queue.id() + ": " + text + " names no queue");
            }
            into.put(queue.id(), handling);
        } catch (IllegalArgumentException e) {
            problems.add("queue " + queue.id() + ": " + e.getMessage());
        }
    }

    /** What the queue does with a contact when closed, or when nobody who could answer is signed in. */
    Handling afterHours(RoutingProperties.Queue queue) {
        return afterHours.get(queue.id());
    }

    /** What the queue does with a contact that waited past its maximum. */
    Handling overflow(RoutingProperties.Queue queue) {
        return overflow.get(queue.id());
    }

    public List<RoutingProperties.Queue> all() {
        return List.copyOf(byId.values());
    }

    public Optional<RoutingProperties.Queue> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Whether people answer the queue now: the hours of live help of its line (always, without a line). */
    public boolean openAt(RoutingProperties.Queue queue, Instant instant) {
        return queue.line() == null || lines.byNumber(queue.line()).map(l -> l.openAt(instant)).orElse(true);
    }

    /** The time zone in which "today" is counted for service levels: the first line's. */
    ZoneId reportingZone() {
        return lines.reportingZone();
    }
}
