package org.caseline.servicerequests.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.caseline.servicerequests.ServiceRequestAnswered;
import org.caseline.servicerequests.ServiceRequestClosed;
import org.caseline.servicerequests.ServiceRequestFiled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells an office's own case system of its requests: each event becomes a delivery, POSTed as JSON
 * with {@code X-CaseLine-Signature: sha256=<HMAC-SHA256 of the body under the office's secret>},
 * tried again later and later (doubling from {@code first-retry}) until it is taken or the attempts
 * run out; every attempt is in the delivery log.
 */
@Component
public class OfficeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(OfficeWebhooks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 20;

    /** An office's hook, with its secret never shown back. */
    public record Hook(String office, String url, boolean enabled, String changedBy, Instant changedAt) {
    }

    public record Delivery(long id, String event, String status, int attempts, Integer lastStatus, String lastError,
                           Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    private record Due(long id, String office, String event, String body, int attempts, String url, String secret) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int maxAttempts;
    private final Duration firstRetry;

    OfficeWebhooks(JdbcClient jdbc, Clock clock, @Value("${caseline.service-requests.webhook.max-attempts:10}") int maxAttempts,
                   @Value("${caseline.service-requests.webhook.first-retry:10s}") Duration firstRetry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.firstRetry = firstRetry;
    }

    /** Sets (or replaces) an office's hook. */
    public Hook set(String office, String url, String secret, boolean enabled, String by) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("url must be an http or https address");
        }
        if (secret == null || secret.length() < 16 || secret.length() > 200) {
            throw new IllegalArgumentException("secret must be 16 to 200 characters");
        }
        jdbc.sql("""
                        insert into service_request_webhook (office_code, url, secret, enabled, changed_by, changed_at) values (?, ?, ?, ?, ?, ?)
                        on conflict (office_code) do update set url = excluded.url, secret = excluded.secret, enabled = excluded.enabled,
                            changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
                .params(office, uri.toString(), secret, enabled, by, Timestamp.from(clock.instant())).update();
        return hook(office).orElseThrow();
    }

    public Optional<Hook> hook(String office) {
        return jdbc.sql("select office_code, url, enabled, changed_by, changed_at from service_request_webhook where office_code = ?")
                .param(office).query((rs, n) -> new Hook(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).optional();
    }

    /** The office's deliveries, newest first. */
    public List<Delivery> deliveries(String office, int limit) {
        return jdbc.sql("""
                        select id, event, status, attempts, last_status, last_error, created_at, next_attempt_at, delivered_at
                        from service_request_webhook_delivery where office_code = ? order by id desc limit ?""")
                .params(office, limit)
                .query((rs, n) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        (Integer) rs.getObject(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .list();
    }

    @ApplicationModuleListener
    void on(ServiceRequestFiled e) {
        queue(e.office(), "ServiceRequestFiled", e.reference(), e);
    }

    @ApplicationModuleListener
    void on(ServiceRequestAnswered e) {
        queue(e.office(), "ServiceRequestAnswered", e.reference(), e);
    }

    @ApplicationModuleListener
    void on(ServiceRequestClosed e) {
        queue(e.office(), "ServiceRequestClosed", e.reference(), e);
    }

    private void queue(String office, String event, String reference, Object payload) {
        if (hook(office).filter(Hook::enabled).isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("office", office);
        body.put("data", payload);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into service_request_webhook_delivery (office_code, event, event_key, body, status, next_attempt_at, created_at)
                        values (?, ?, ?, ?, 'PENDING', ?, ?) on conflict (event_key) do nothing""")
                .params(office, event, event + ":" + reference, JSON.writeValueAsString(body), now, now).update();
    }

    @Scheduled(fixedDelayString = "${caseline.service-requests.webhook.poll:1s}")
    void deliverDue() {
        List<Due> batch;
        do {
            batch = take();
            batch.forEach(this::deliver);
        } while (batch.size() == BATCH);
    }

    private List<Due> take() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update service_request_webhook_delivery d set next_attempt_at = ?, attempts = attempts + 1
                        where id in (select id from service_request_webhook_delivery where status = 'PENDING' and next_attempt_at <= ?
                                     order by next_attempt_at limit ? for update skip locked)
                        returning id, office_code, event, body, attempts,
                            (select url from service_request_webhook w where w.office_code = d.office_code),
                            (select secret from service_request_webhook w where w.office_code = d.office_code)""")
                .params(Timestamp.from(now.plus(Duration.ofMinutes(5))), Timestamp.from(now), BATCH)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7)))
                .list();
    }

    private void deliver(Due d) {
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(d.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-CaseLine-Event", d.event())
                    .header("X-CaseLine-Delivery", Long.toString(d.id()))
                    .header("X-CaseLine-Signature", "sha256=" + sign(d.secret(), d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                jdbc.sql("update service_request_webhook_delivery set status = 'DELIVERED', last_status = ?, last_error = null, delivered_at = ? where id = ?")
                        .params(status, Timestamp.from(clock.instant()), d.id()).update();
                return;
            }
            error = "HTTP " + status;
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (d.attempts() >= maxAttempts) {
            jdbc.sql("update service_request_webhook_delivery set status = 'FAILED', last_status = ?, last_error = ? where id = ?")
                    .params(status, error, d.id()).update();
            log.warn("Webhook delivery {} to office {} failed for good after {} attempts: {}", d.id(), d.office(), d.attempts(), error);
        } else {
            Duration wait = firstRetry.multipliedBy(1L << Math.min(d.attempts() - 1, 12));
            jdbc.sql("update service_request_webhook_delivery set next_attempt_at = ?, last_status = ?, last_error = ? where id = ?")
                    .params(Timestamp.from(clock.instant().plus(wait)), status, error, d.id()).update();
        }
    }

    /** The signature a receiver checks: hex HMAC-SHA256 of the exact body bytes under the office's secret. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
