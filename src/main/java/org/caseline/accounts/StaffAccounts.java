package org.caseline.accounts;

import java.util.Arrays;
import java.util.List;
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

    /** Creates the account unless one with that user name exists; returns whether it created it. */
    @Transactional
    public boolean createIfMissing(String username, String rawPassword, String displayName, Set<Role> roles) {
        int created = jdbc.sql("""
                        insert into staff_user (username, password_hash, display_name) values (?, ?, ?)
                        on conflict (username) do nothing""")
                .params(username, passwords.encode(rawPassword), displayName)
                .update();
        if (created == 0) {
            return false;
        }
        for (Role role : roles) {
            jdbc.sql("insert into staff_role (username, role) values (?, ?)").params(username, role.name()).update();
        }
        return true;
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

    static List<String> split(String names) {
        return Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
