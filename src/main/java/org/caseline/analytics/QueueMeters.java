package org.caseline.analytics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.caseline.routing.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The live figures of every queue as Prometheus metrics (at {@code /actuator/prometheus}, for
 * Grafana: {@code deploy/grafana/caseline-queues.json}): contacts waiting, the longest wait,
 * agents by state, and today's answered, abandoned and service level. Read from routing every
 * ten seconds, the wallboard's own figures, so the two never disagree.
 */
@Component
class QueueMeters {

    private static final Logger log = LoggerFactory.getLogger(QueueMeters.class);

    private final Router router;
    private final MultiGauge waiting;
    private final MultiGauge longestWait;
    private final MultiGauge agents;
    private final MultiGauge answeredToday;
    private final MultiGauge abandonedToday;
    private final MultiGauge serviceLevelToday;

    QueueMeters(Router router, MeterRegistry registry) {
        this.router = router;
        waiting = MultiGauge.builder("caseline.queue.waiting").description("Contacts waiting in the queue").register(registry);
        longestWait = MultiGauge.builder("caseline.queue.longest.wait").baseUnit("seconds")
                .description("How long the contact waiting longest has waited").register(registry);
        agents = MultiGauge.builder("caseline.queue.agents").description("Agents who serve the queue, by state").register(registry);
        answeredToday = MultiGauge.builder("caseline.queue.answered.today").description("Contacts answered today").register(registry);
        abandonedToday = MultiGauge.builder("caseline.queue.abandoned.today").description("Contacts who gave up today").register(registry);
        serviceLevelToday = MultiGauge.builder("caseline.queue.service.level.today")
                .description("Share of today's contacts answered within the service-level threshold").register(registry);
    }

    @Scheduled(fixedDelay = 10_000)
    void refresh() {
        List<Router.QueueFigures> figures;
        try {
            figures = router.figures();
        } catch (RuntimeException e) {
            log.debug("Queue metrics wait for the database: {}", e.toString());
            return;
        }
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> longestRows = new ArrayList<>();
        List<MultiGauge.Row<?>> agentRows = new ArrayList<>();
        List<MultiGauge.Row<?>> answeredRows = new ArrayList<>();
        List<MultiGauge.Row<?>> abandonedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> levelRows = new ArrayList<>();
        for (Router.QueueFigures q : figures) {
            Tags queue = Tags.of("queue", q.id(), "language", q.language());
            waitingRows.add(MultiGauge.Row.of(queue, q.waiting()));
            longestRows.add(MultiGauge.Row.of(queue, q.longestWaitSeconds()));
            answeredRows.add(MultiGauge.Row.of(queue, q.answeredToday()));
            abandonedRows.add(MultiGauge.Row.of(queue, q.abandonedToday()));
            if (q.serviceLevelPercent() != null) {
                levelRows.add(MultiGauge.Row.of(queue, q.serviceLevelPercent() / 100.0));
            }
            q.agents().forEach((state, count) -> agentRows.add(MultiGauge.Row.of(queue.and("state", state), count)));
        }
        waiting.register(waitingRows, true);
        longestWait.register(longestRows, true);
        agents.register(agentRows, true);
        answeredToday.register(answeredRows, true);
        abandonedToday.register(abandonedRows, true);
        serviceLevelToday.register(levelRows, true);
    }
}
