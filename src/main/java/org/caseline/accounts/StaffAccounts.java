package org.caseline.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff identities: create them, and tell which exist. */
@Service
public class StaffAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** The realm of the SIP digest with which staff softphones sign in. */
    public static final String SIP_REALM = "caseline";

    /** Creates the account unless one with that user name exists; returns whether it created it. */
    @Transactional
    public boolean createIfMissing(String username, String rawPassword, String displayName, Set<Role> roles) {
        int created = jdbc.sql("""
                        insert into staff_user (username, password_hash, display_name, sip_ha1) values (?, ?, ?, ?)
                        on conflict (username) do nothing""")
                .params(username, passwords.encode(rawPassword), displayName, sipHa1(username, rawPassword))
                .update();
        if (created == 0) {
            return false;
        }
        for (Role role : roles) {
            jdbc.sql("insert into staff_role (username, role) values (?, ?)").params(username, role.name()).update();
        }
        return true;
    }

    /** Ties an account to the office it works for (role OFFICE): it sees that office's work only. */
    public void assignOffice(String username, String officeCode) {
        jdbc.sql("update staff_user set office_code = ? where username = ?").params(officeCode, username).update();
    }

    /** The office an account works for, if it is tied to one. */
    public Optional<String> officeOf(String username) {
        return jdbc.sql("select office_code from staff_user where username = ? and office_code is not null")
                .param(username).query(String.class).optional();
    }

    public List<String> existing(String... usernames) {
        return jdbc.sql("select username from staff_user where username = any(?) order by username")
                .param(usernames)
                .query(String.class)
                .list();
    }

    public List<Role> rolesOf(String username) {
        return jdbc.sql("select role from staff_role where username = ? order by role")
                .param(username)
                .query(String.class)
                .list().stream().map(Role::valueOf).toList();
    }

    /**
     * The SIP digest secret (HA1) of an enabled member of staff, for checking a softphone's
     * REGISTER: digest authentication needs it, and the password itself is never stored.
     */
    public Optional<String> sipDigestSecret(String username) {
        return jdbc.sql("select sip_ha1 from staff_user where username = ? and enabled and sip_ha1 is not null")
                .param(username).query(String.class).optional();
    }

    private static String sipHa1(String username, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((username + ":" + SIP_REALM + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> split(String names) {
        return Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
