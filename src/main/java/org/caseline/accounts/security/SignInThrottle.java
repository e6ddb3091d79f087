package org.caseline.accounts.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing: after {@code per-account} wrong passwords for one account within the
 * window, that account's sign-ins are refused for a while (30 s, doubling with each further
 * failure, at most 15 minutes), whatever the password and wherever from; after {@code per-address}
 * failures from one address, that address is refused for 5 minutes. The form and HTTP Basic
 * alike; every failure and refusal is kept (the audit of sign-ins), in PostgreSQL, so every node
 * counts the same.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration LONGEST = Duration.ofMinutes(15);

    public record Attempt(Instant at, String username, String address, String outcome) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    /** Accounts this node saw fail lately: a success for one of them ends its run of failures. */
    private final Set<String> failedLately = ConcurrentHashMap.newKeySet();

    SignInThrottle(JdbcClient jdbc, Clock clock, @Value("${caseline.security.sign-in.per-account:5}") int perAccount,
                   @Value("${caseline.security.sign-in.per-address:50}") int perAddress) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    /** How long this sign-in must wait, if it must; a refusal is recorded. */
    public Optional<Duration> refused(String username, String address) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(WINDOW));
        Optional<Duration> wait = jdbc.sql("""
                        select count(*), max(at) from sign_in_attempt
                        where username = ? and outcome = 'FAILED' and at > greatest(?, coalesce(
                            (select max(at) from sign_in_attempt where username = ? and outcome = 'SUCCEEDED'), ?))""")
                .params(username, since, username, since)
                .query((rs, n) -> {
                    int failures = rs.getInt(1);
                    if (failures < perAccount) {
                        return Optional.<Duration>empty();
                    }
                    Duration lock = Duration.ofSeconds(30).multipliedBy(1L << Math.min(failures - perAccount, 10));
                    Instant until = rs.getTimestamp(2).toInstant().plus(lock.compareTo(LONGEST) > 0 ? LONGEST : lock);
                    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.<Duration>empty();
                }).single();
        if (wait.isEmpty()) {
            wait = jdbc.sql("select count(*), max(at) from sign_in_attempt where address = ? and outcome = 'FAILED' and at > ?")
                    .params(address, since)
                    .query((rs, n) -> {
                        if (rs.getInt(1) < perAddress) {
                            return Optional.<Duration>empty();
                        }
                        Instant until = rs.getTimestamp(2).toInstant().plus(Duration.ofMinutes(5));
                        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.<Duration>empty();
                    }).single();
        }
        if (wait.isPresent()) {
            record(username, address, "THROTTLED");
            log.warn("Sign-in for {} from {} refused for {} s: too many failures", username, address, wait.get().toSeconds());
        }
        return wait;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        failedLately.add(username);
        record(username, address(event.getAuthentication().getDetails()), "FAILED");
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        if (failedLately.remove(username)) {
            record(username, address(event.getAuthentication().getDetails()), "SUCCEEDED");
        }
    }

    /** A failed sign-in that no Spring Security event reports (an applicant's own sign-in). */
    public void failed(String username, String address) {
        failedLately.add(username);
        record(username, address, "FAILED");
    }

    /** A sign-in that succeeded: it ends a run of failures. */
    public void succeeded(String username, String address) {
        if (failedLately.remove(username)) {
            record(username, address, "SUCCEEDED");
        }
    }

    /** The latest attempts of an account (or of all, for {@code null}), newest first. */
    public List<Attempt> audit(String username, int limit) {
        return jdbc.sql("""
                        select at, username, address, outcome from sign_in_attempt where (cast(? as text) is null or username = ?)
                        order by id desc limit ?""")
                .params(username, username, limit)
                .query((rs, n) -> new Attempt(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private void record(String username, String address, String outcome) {
        jdbc.sql("insert into sign_in_attempt (at, username, address, outcome) values (?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), username.length() > 200 ? username.substring(0, 200) : username, address, outcome)
                .update();
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null ? web.getRemoteAddress() : "-";
    }
}
