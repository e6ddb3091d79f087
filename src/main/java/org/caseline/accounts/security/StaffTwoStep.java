package org.caseline.accounts.security;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * Staff two-step verification with an authenticator app or a passkey. Anyone on staff may set it up for
 * themselves; under the {@code prod} profile it is required of admins, supervisors and Tier 2
 * officers, who see the most. Once set up, a password alone no longer opens a staff page, and
 * HTTP Basic (which cannot carry the second step) is refused for the account.
 */
@Service
public class StaffTwoStep {

    /** The session attribute that says whose second step this session passed. */
    static final String PASSED = "caseline.staff.twoStep";

    private static final Set<String> MUST_IN_PRODUCTION = Set.of("ROLE_ADMIN", "ROLE_SUPERVISOR", "ROLE_TIER2");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean production;
    StaffTwoStep(JdbcClient jdbc, Clock clock, Environment environment) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.production = environment.acceptsProfiles(Profiles.of("prod | production"));
    }

    /** What the account's sessions must pass after the password. */
    public enum Need { NOTHING, CODE, ENROLMENT }

    public Need need(String username, Collection<? extends GrantedAuthority> authorities) {
        if (enabled(username)) {
            return Need.CODE;
        }
        boolean must = production && authorities.stream().anyMatch(a -> MUST_IN_PRODUCTION.contains(a.getAuthority()));
        return must ? Need.ENROLMENT : Need.NOTHING;
    }

    /** Set up: the app confirmed, or a passkey made (one statement: it is asked on staff requests). */
    public boolean enabled(String username) {
        return jdbc.sql("""
                        select s.totp_enabled or exists (select 1 from user_entities u join user_credentials c on c.user_entity_user_id = u.id
                                                         where u.name = ?)
                        from staff_user s where s.username = ?""")
                .params(owner(username), username).query(Boolean.class).optional().orElse(false);
    }

    public boolean appEnabled(String username) {
        return jdbc.sql("select totp_enabled from staff_user where username = ?").param(username).query(Boolean.class)
                .optional().orElse(false);
    }

    /** How a member of staff is named among passkey owners (applicants are named by their account's id). */
    public static String owner(String username) {
        return "staff:" + username;
    }

    /** The secret for the app (a new one, or the one shown before and not confirmed yet); the URI its QR code carries. */
    public String enrol(String username) {
        jdbc.sql("update staff_user set totp_secret = ?, totp_last_step = null where username = ? and not totp_enabled and totp_secret is null")
                .params(Totp.newSecret(), username).update();
        return Totp.uri(username, secret(username));
    }

    public String secret(String username) {
        return jdbc.sql("select totp_secret from staff_user where username = ?").param(username).query(String.class).optional().orElse(null);
    }

    /** Whether the code is the app's now (each time step once); the first good one confirms enrolment. */
    public boolean check(String username, String code) {
        return Totp.step(secret(username), code, clock.instant()).stream().anyMatch(step -> jdbc.sql("""
                        update staff_user set totp_enabled = true, totp_last_step = ?
                        where username = ? and (totp_last_step is null or totp_last_step < ?)""")
                .params(step, username, step).update() == 1);
    }
}
