package org.caseline.telephony;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each agent's softphone is signed in (SIP REGISTER), kept in the database so that any node
 * can reach any agent's phone. A registration lasts what the phone asked, within bounds. An agent
 * whose phone is signed in gets each offer on the phone: it rings as the desk shows the offer, and
 * answering it accepts; with auto-answer on, the phone is asked to answer by itself.
 */
@Component
public class AgentPhones {

    /** RFC 3261 10.2.1: the registrar may shorten what the phone asks; phones re-register before it runs out. */
    public static final Duration LONGEST = Duration.ofHours(1);
    public static final Duration SHORTEST = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final Clock clock;

    AgentPhones(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Where a phone is reached: its contact, through the proxies its registration came by (RFC 3327
     * Path, first the one nearest the registrar), none when it registered directly.
     */
    public record Binding(String contact, List<String> path) {
        public Binding {
            path = List.copyOf(path);
        }
    }

    /** Signs the phone in at {@code contact} for about {@code asked}; returns the time granted. */
    public Duration register(String username, String contact, Duration asked) {
        return register(username, new Binding(contact, List.of()), asked);
    }

    /** Signs the phone in, reached through {@code binding}'s path; returns the time granted. */
    public Duration register(String username, Binding binding, Duration asked) {
        Duration granted = asked.compareTo(LONGEST) > 0 ? LONGEST : asked.compareTo(SHORTEST) < 0 ? SHORTEST : asked;
        jdbc.sql("""
                        insert into sip_registration (username, contact, path, expires_at) values (?, ?, ?, ?)
                        on conflict (username) do update set contact = excluded.contact, path = excluded.path,
                            expires_at = excluded.expires_at""")
                .params(username, binding.contact(), binding.path().isEmpty() ? null : String.join("\n", binding.path()),
                        Timestamp.from(clock.instant().plus(granted)))
                .update();
        return granted;
    }

    /**
     * The key digest nonces are signed with, the same on every node (made by whichever node asks
     * first): a SIP dispatcher may send a phone's challenged REGISTER to one node and its answer to
     * another.
     */
    public byte[] nonceKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into sip_nonce_key (id, secret) values (1, ?) on conflict (id) do nothing").param(fresh).update();
        return jdbc.sql("select secret from sip_nonce_key where id = 1").query(byte[].class).single();
    }

    public void unregister(String username) {
        jdbc.sql("delete from sip_registration where username = ?").param(username).update();
    }

    /** Whether the agent's phone is asked to answer offers by itself (a headset user's choice). */
    public boolean autoAnswer(String username) {
        return jdbc.sql("select auto_answer from agent_phone_setting where username = ?").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    public void autoAnswer(String username, boolean on) {
        jdbc.sql("""
                        insert into agent_phone_setting (username, auto_answer) values (?, ?)
                        on conflict (username) do update set auto_answer = excluded.auto_answer""")
                .params(username, on).update();
    }

    /** How the agent's phone is reached, while its registration lasts. */
    public Optional<Binding> bindingOf(String username) {
        return jdbc.sql("select contact, path from sip_registration where username = ? and expires_at > ?")
                .params(username, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Binding(rs.getString("contact"),
                        rs.getString("path") == null ? List.of() : List.of(rs.getString("path").split("\n"))))
                .optional();
    }

    /** The SIP URI the agent's phone is reached at, while its registration lasts. */
    public Optional<String> contactOf(String username) {
        return jdbc.sql("select contact from sip_registration where username = ? and expires_at > ?")
                .params(username, Timestamp.from(clock.instant()))
                .query(String.class).optional();
    }
}
