package org.caseline.cases;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The online access code of a case, as its notices print it: with the receipt number, it proves
 * to the account system that the person holds the case's papers. Five wrong tries lock the case's
 * code for an hour; the lock says so (without saying whether the case exists to anyone else).
 */
@Service
public class CaseAccessCodes {

    public enum Check { MATCHES, WRONG, LOCKED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read off paper
    private static final int TRIES = 5;
    private static final Duration LOCK = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseAccessCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sets a case's code (from the case system), replacing the one it had. */
    public void assign(ReceiptNumber receipt, String code) {
        if (code == null || !code.strip().matches("[A-Za-z0-9-]{6,20}")) {
            throw new InvalidCaseDataException("accessCode", "The access code is 6 to 20 letters, digits or dashes.");
        }
        jdbc.sql("""
                        insert into case_access_code (receipt_number, code) values (?, ?)
                        on conflict (receipt_number) do update set code = excluded.code, failures = 0, locked_until = null""")
                .params(receipt.value(), normal(code)).update();
    }

    /** Gives a case that has none a random code. */
    public void ensure(ReceiptNumber receipt) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        jdbc.sql("insert into case_access_code (receipt_number, code) values (?, ?) on conflict do nothing")
                .params(receipt.value(), code.toString()).update();
    }

    /** Checks a code someone typed for a case; a wrong one counts toward the case's lock. A case with no code never matches. */
    @Transactional
    public Check check(ReceiptNumber receipt, String typed) {
        Instant now = clock.instant();
        var row = jdbc.sql("select code, failures, locked_until from case_access_code where receipt_number = ? for update")
                .param(receipt.value()).query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getTimestamp(3)}).optional();
        if (row.isEmpty()) {
            return Check.WRONG;
        }
        Timestamp locked = (Timestamp) row.get()[2];
        if (locked != null && locked.toInstant().isAfter(now)) {
            return Check.LOCKED;
        }
        if (typed != null && normal(typed).equals(row.get()[0])) {
            jdbc.sql("update case_access_code set failures = 0, locked_until = null where receipt_number = ?").param(receipt.value()).update();
            return Check.MATCHES;
        }
        int failures = (int) row.get()[1] + 1;
        boolean lock = failures >= TRIES;
        jdbc.sql("update case_access_code set failures = ?, locked_until = ? where receipt_number = ?")
                .params(lock ? 0 : failures, lock ? Timestamp.from(now.plus(LOCK)) : null, receipt.value()).update();
        return lock ? Check.LOCKED : Check.WRONG;
    }

    private static String normal(String code) {
        return code.strip().toUpperCase(java.util.Locale.ROOT).replace("-", "");
    }
}
