package org.caseline.cases;

import java.time.Clock;

import org.caseline.platform.RateLimiter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Anti-enumeration: each API client, and each visitor's address on the public page, may look up
 * only so many receipt numbers a second ({@code caseline.case-status.rate-limit.*}).
 */
@Component
public class CaseStatusRateLimit {

    @ConfigurationProperties("caseline.case-status.rate-limit")
    public record Settings(@DefaultValue("10") double perSecond, @DefaultValue("20") int burst) {
    }

    private final RateLimiter limiter;

    CaseStatusRateLimit(Settings settings, Clock clock) {
        this.limiter = new RateLimiter(settings.perSecond(), settings.burst(), clock);
    }

    /** A lookup by an API client, known by its client id. */
    public RateLimiter.Decision client(String clientId) {
        return limiter.tryAcquire("client:" + clientId);
    }

    /** A lookup on the public page, known by the visitor's address. */
    public RateLimiter.Decision visitor(String address) {
        return limiter.tryAcquire("visitor:" + address);
    }
}
