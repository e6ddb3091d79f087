package org.caseline.accounts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Machine clients of the public APIs (OAuth 2.0 client credentials). Secrets are stored hashed;
 * scopes say which APIs a client may call ({@value #CASE_STATUS_SCOPE}, {@value #CASES_WRITE_SCOPE}).
 */
@Service
public class ApiClients {

    public static final String CASE_STATUS_SCOPE = "case-status";
    public static final String CASES_WRITE_SCOPE = "cases.write";

    public record Client(String clientId, String name, Set<String> scopes) {
    }

    // A real hash to compare against when the client id is unknown, so that a wrong id and a
    // wrong secret take the same time to refuse.
    private final String decoyHash;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    ApiClients(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.decoyHash = passwords.encode("decoy-" + System.nanoTime());
    }

    public boolean register(String clientId, String rawSecret, String name, Set<String> scopes) {
        return jdbc.sql("""
                        insert into api_client (client_id, secret_hash, name, scopes) values (?, ?, ?, ?)
                        on conflict (client_id) do nothing""")
                .params(clientId, passwords.encode(rawSecret), name, scopes.toArray(String[]::new))
                .update() == 1;
    }

    /** The client, if the id exists, is enabled and the secret matches. */
    public Optional<Client> authenticate(String clientId, String rawSecret) {
        record Row(String id, String hash, String name, String[] scopes) {
        }
        Optional<Row> row = jdbc.sql("select client_id, secret_hash, name, scopes from api_client where client_id = ? and enabled")
                .param(clientId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        (String[]) rs.getArray(4).getArray()))
                .optional();
        boolean matches = passwords.matches(rawSecret, row.map(Row::hash).orElse(decoyHash));
        return row.filter(r -> matches).map(r -> new Client(r.id(), r.name(), Set.of(r.scopes())));
    }

    public List<String> existing(List<String> clientIds) {
        return jdbc.sql("select client_id from api_client where client_id = any(?) order by client_id")
                .param(clientIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }
}
