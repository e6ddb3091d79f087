package org.caseline.platform;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by who is asking (an API client, a visitor's address): {@code perSecond}
 * requests a second with bursts up to {@code burst}. Kept in memory, so on several nodes each
 * node enforces the limit on its own share of the traffic.
 */
public final class RateLimiter {

    /** The answer: allowed, or how many whole seconds until the next request would be. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final int MAX_KEYS = 100_000;

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("A rate limit needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    public Decision tryAcquire(String key) {
        long now = clock.millis();
        if (buckets.size() > MAX_KEYS) {
            // Idle buckets are full anyway; forgetting them changes no answer.
            buckets.values().removeIf(b -> b.isFullAt(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.updatedAt = at;
        }

        synchronized Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            long wait = (long) Math.ceil((1 - tokens) / perSecond);
            return new Decision(false, Math.max(1, wait));
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) / 1000.0 * perSecond);
                updatedAt = now;
            }
        }
    }
}
