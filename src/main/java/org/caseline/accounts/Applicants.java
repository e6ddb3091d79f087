package org.caseline.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nulabinc.zxcvbn.Zxcvbn;
import org.caseline.cases.CaseAccessCodes;
import org.caseline.cases.CaseStatusChanged;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.messaging.Mail;
import org.caseline.messaging.Outbox;
import org.caseline.accounts.security.Totp;
import org.caseline.platform.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applicants' and representatives' online accounts: sign-up with a verified email address, a
 * password an estimator judges strong enough, two-step verification with an authenticator app
 * (and ten backup codes), cases linked by their access code, and a mail when a linked case changes
 * that says only that there is an update. Answers never tell whether an email address has an account.
 */
@Service
public class Applicants {

    private static final Logger log = LoggerFactory.getLogger(Applicants.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VERIFY_LINK_LIFETIME = Duration.ofHours(24);
    private static final int LINK_TRIES = 10;

    public enum Kind { APPLICANT, REPRESENTATIVE }

    /**
     * An account as its holder sees it. {@code twoStepEnabled}: an authenticator app ({@code totpEnabled}) or a
     * passkey is set up; {@code caseUpdates}: mailed when a linked case changes (their choice, off at first).
     */
    public record Account(UUID id, String email, String language, Kind kind, boolean emailVerified, boolean twoStepEnabled,
                          boolean caseUpdates, boolean totpEnabled) {
    }

    /** What enrolment in an authenticator app gives: the secret, the URI a QR code carries, the backup codes (shown once). */
    public record Enrolment(String secret, String otpauthUri, List<String> backupCodes) {
    }

    /** A linked case as its holder sees it, with everything the agency may show them. */
    public record LinkedCase(String receiptNumber, String role, Instant linkedAt, CaseStatusView view) {
    }

    /** Why something was refused: a code for clients and a specific message; nothing was changed. */
    public static class Refused extends RuntimeException {
        private final int status;
        private final String code;

        public Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final MessageSource messages;
    private final CaseStatusService cases;
    private final CaseAccessCodes accessCodes;
    private final org.caseline.cases.StaffCaseReads caseReads;
    private final Clock clock;
    private final String site;
    /** A hash of nothing anyone types: checking against it costs what checking a real one does. */
    private final String dummyHash;
    private final Zxcvbn strength = new Zxcvbn();

    Applicants(JdbcClient jdbc, TransactionTemplate tx, PasswordEncoder passwords, Outbox outbox, MessageSource messages,
               CaseStatusService cases, CaseAccessCodes accessCodes, org.caseline.cases.StaffCaseReads caseReads, Clock clock,
               @Value("${caseline.public-url:http://localhost:8080}") String site) {
        this.caseReads = caseReads;
        this.jdbc = jdbc;
        this.tx = tx;
        this.passwords = passwords;
        this.outbox = outbox;
        this.messages = messages;
        this.cases = cases;
        this.accessCodes = accessCodes;
        this.clock = clock;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    // --- sign-up and email -------------------------------------------------------------------------

    /**
     * Signs someone up and mails them a link to verify their address. For an address that has an
     * account already, the mail says so instead: the answer is the same either way.
     */
    public void signUp(String email, String password, String language, Kind kind, boolean caseUpdates) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!Mail.isAddress(address)) {
            throw new Refused(422, "email", "Enter an email address, like name@example.com.");
        }
        Locale lang = Languages.supported(Locale.forLanguageTag(language == null ? "en" : language));
        requireStrong(password, address);
        tx.executeWithoutResult(status -> {
            Optional<UUID> existing = jdbc.sql("select id from applicant_account where email = ?").param(address).query(UUID.class).optional();
            if (existing.isPresent()) {
                mail(address, lang, "exists", site + "/account/sign-in");
                return;
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into applicant_account (id, email, password_hash, language, kind, created_at, case_update_mail)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, address, passwords.encode(password), lang.getLanguage(), (kind == null ? Kind.APPLICANT : kind).name(),
                            Timestamp.from(clock.instant()), caseUpdates).update();
            String token = token(id, "VERIFY_EMAIL", VERIFY_LINK_LIFETIME);
            mail(address, lang, "verify", site + "/account/verify?token=" + token);
        });
        log.info("Sign-up for {}", Outbox.mask(address));
    }

    /** Verifies an address by the link's token: once, and within a day. */
    public Account verifyEmail(String token) {
        return tx.execute(status -> {
            UUID id = useToken(token, "VERIFY_EMAIL");
            jdbc.sql("update applicant_account set email_verified_at = coalesce(email_verified_at, ?) where id = ?")
                    .params(Timestamp.from(clock.instant()), id).update();
            return account(id).orElseThrow();
        });
    }

    /** Mails a link to choose a new password, valid an hour, to a verified address with an account; the answer is the same either way. */
    public void requestPasswordReset(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!Mail.isAddress(address)) {
            throw new Refused(422, "email", "Enter an email address, like name@example.com.");
        }
        tx.executeWithoutResult(status -> jdbc.sql("select id, language from applicant_account where email = ? and email_verified_at is not null")
                .param(address).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).optional()
                .ifPresent(row -> mail(address, Locale.forLanguageTag((String) row[1]), "reset",
                        site + "/account/reset?token=" + token((UUID) row[0], "RESET_PASSWORD", Duration.ofHours(1)))));
    }

    /** Sets a new password by the reset link's token (once, within the hour); the account whose it is. */
    public UUID resetPassword(String token, String password) {
        return tx.execute(status -> {
            UUID id = useToken(token, "RESET_PASSWORD");
            String email = account(id).orElseThrow().email();
            requireStrong(password, email);
            jdbc.sql("update applicant_account set password_hash = ? where id = ?").params(passwords.encode(password), id).update();
            return id;
        });
    }

    // --- sign-in and the second step ---------------------------------------------------------------

    /**
     * The first step of signing in: the password. Empty for a wrong address or password, or an
     * address not verified yet (one answer for all three).
     */
    public Optional<Account> checkPassword(String email, String password) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        var row = jdbc.sql("select id, password_hash, email_verified_at is not null from applicant_account where email = ?")
                .param(address).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)}).optional();
        if (row.isEmpty()) {
            passwords.matches(password == null ? "" : password, dummyHash); // the same time for an unknown address
            return Optional.empty();
        }
        if (password == null || !passwords.matches(password, (String) row.get()[1]) || !(boolean) row.get()[2]) {
            return Optional.empty();
        }
        return account((UUID) row.get()[0]);
    }

    /** Starts (or restarts, while not confirmed) enrolment in an authenticator app. */
    public Enrolment enrolTotp(UUID id) {
        Account account = account(id).orElseThrow();
        if (account.twoStepEnabled()) {
            throw new Refused(409, "enrolled", "Two-step verification is set up already.");
        }
        String secret = Totp.newSecret();
        List<String> backup = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            jdbc.sql("update applicant_account set totp_secret = ?, totp_last_step = null where id = ?").params(secret, id).update();
            jdbc.sql("delete from applicant_backup_code where account_id = ?").param(id).update();
            for (int i = 0; i < 10; i++) {
                String code = String.format("%05d-%05d", RANDOM.nextInt(100_000), RANDOM.nextInt(100_000));
                backup.add(code);
                jdbc.sql("insert into applicant_backup_code (account_id, code_hash) values (?, ?)").params(id, sha256(code)).update();
            }
        });
        return new Enrolment(secret, Totp.uri(account.email(), secret), List.copyOf(backup));
    }

    /**
     * The second step: a code from the authenticator app (this period or the one either side, and
     * each period's code once), or a backup code, used once. The first good code confirms enrolment.
     */
    public boolean secondFactor(UUID id, String code) {
        String typed = code == null ? "" : code.strip().replace(" ", "");
        String secret = jdbc.sql("select totp_secret from applicant_account where id = ?").param(id).query(String.class).optional().orElse(null);
        if (secret == null) {
            return false;
        }
        boolean good = false;
        if (typed.matches("[0-9]{6}")) {
            // each time step's code is good once: a code seen over a shoulder or replayed is not
            good = Totp.step(secret, typed, clock.instant()).stream().anyMatch(step -> jdbc.sql(
                            "update applicant_account set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                    .params(step, id, step).update() == 1);
        } else if (typed.matches("[0-9]{5}-?[0-9]{5}")) {
            String normal = typed.contains("-") ? typed : typed.substring(0, 5) + "-" + typed.substring(5);
            good = jdbc.sql("update applicant_backup_code set used_at = ? where account_id = ? and code_hash = ? and used_at is null")
                    .params(Timestamp.from(clock.instant()), id, sha256(normal)).update() == 1;
        }
        if (good) {
            jdbc.sql("update applicant_account set totp_enabled = true where id = ?").param(id).update();
        }
        return good;
    }

    public Optional<Account> account(UUID id) {
        return jdbc.sql("""
                        select a.id, a.email, a.language, a.kind, a.email_verified_at is not null,
                               a.totp_enabled or exists (select 1 from user_entities u join user_credentials c on c.user_entity_user_id = u.id
                                                         where u.name = a.id::text),
                               a.case_update_mail, a.totp_enabled
                        from applicant_account a where a.id = ?""")
                .param(id).query((rs, n) -> new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        Kind.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8))).optional();
    }

    /** The holder's choices: mail on a case update or not, and the language of mail and pages ({@code null} leaves one as it is). */
    public Account choose(UUID id, Boolean caseUpdates, String language) {
        if (language != null && !language.equals("en") && !language.equals("es")) {
            throw new Refused(422, "language", "language is en or es.");
        }
        jdbc.sql("update applicant_account set case_update_mail = coalesce(?, case_update_mail), language = coalesce(?, language) where id = ?")
                .params(caseUpdates, language, id).update();
        return account(id).orElseThrow();
    }

    // --- cases --------------------------------------------------------------------------------------

    /**
     * Links a case by its receipt number and access code. A wrong code, or a case that does not
     * exist, get the same answer; too many wrong codes lock the account's tries and the case's code.
     */
    public LinkedCase link(UUID id, String receiptNumber, String accessCode, String consent) {
        Account account = account(id).orElseThrow();
        Instant now = clock.instant();
        int recent = jdbc.sql("select count(*) from applicant_link_failure where account_id = ? and at > ?")
                .params(id, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Integer.class).single();
        if (recent >= LINK_TRIES) {
            throw new Refused(429, "too-many", "Too many wrong access codes from this account. Try again in an hour.");
        }
        ReceiptNumber receipt;
        try {
            receipt = cases.parseReceipt(receiptNumber);
        } catch (InvalidReceiptNumberException e) {
            throw new Refused(422, "receipt", e.describe(messages, Locale.forLanguageTag(account.language())));
        }
        if (account.kind() == Kind.REPRESENTATIVE && (consent == null || consent.isBlank())) {
            throw new Refused(422, "consent", "A representative links a client's case with the client's consent: say how it was given.");
        }
        CaseAccessCodes.Check check = cases.findStatus(receipt).isPresent() ? accessCodes.check(receipt, accessCode) : CaseAccessCodes.Check.WRONG;
        if (check == CaseAccessCodes.Check.LOCKED) {
            throw new Refused(423, "locked", "This case can't be linked for now after too many wrong access codes. Try again in an hour, "
                    + "or ask us for a new access code.");
        }
        if (check == CaseAccessCodes.Check.WRONG) {
            jdbc.sql("insert into applicant_link_failure (account_id, at) values (?, ?)").params(id, Timestamp.from(now)).update();
            throw new Refused(422, "no-match", "The receipt number and access code do not match a case. Check both on your notice.");
        }
        String role = account.kind().name();
        try {
            jdbc.sql("""
                            insert into applicant_case_link (account_id, receipt_number, role, consent, linked_at) values (?, ?, ?, ?, ?)
                            on conflict (account_id, receipt_number) do nothing""")
                    .params(id, receipt.value(), role, consent, Timestamp.from(now)).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new Refused(409, "has-applicant", "This case is linked to another applicant's account. If it is yours, contact us.");
        }
        return linked(id, receipt.value()).orElseThrow();
    }

    public void unlink(UUID id, String receiptNumber) {
        if (jdbc.sql("delete from applicant_case_link where account_id = ? and receipt_number = ?").params(id, normalReceipt(receiptNumber)).update() == 0) {
            throw new Refused(404, "not-linked", "No case " + receiptNumber + " is linked to your account.");
        }
    }

    public List<LinkedCase> cases(UUID id) {
        return jdbc.sql("select receipt_number from applicant_case_link where account_id = ? order by linked_at").param(id)
                .query(String.class).list().stream().map(r -> linked(id, r.strip())).flatMap(Optional::stream).toList();
    }

    /** One of the holder's own cases, with everything; empty for a case not linked to them. */
    public Optional<LinkedCase> linked(UUID id, String receiptNumber) {
        return jdbc.sql("select role, linked_at from applicant_case_link where account_id = ? and receipt_number = ?")
                .params(id, normalReceipt(receiptNumber))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()}).optional()
                .flatMap(row -> cases.findStatus(new ReceiptNumber(normalReceipt(receiptNumber)))
                        .map(view -> new LinkedCase(normalReceipt(receiptNumber), (String) row[0], (Instant) row[1], view)));
    }

    /** One look, through the account's own session, at a linked case's details. */
    public void viewed(UUID id, String receiptNumber, String address) {
        jdbc.sql("insert into applicant_case_view (account_id, receipt_number, at, address) values (?, ?, ?, ?)")
                .params(id, normalReceipt(receiptNumber), Timestamp.from(clock.instant()), address == null ? "-" : address).update();
    }

    /** Who looked at a holder's case: their own views (by address) and every staff read (by role, not by name), newest first. */
    public List<Map<String, String>> whoLooked(UUID id, String receiptNumber) {
        String receipt = normalReceipt(receiptNumber);
        if (linked(id, receipt).isEmpty()) {
            throw new Refused(404, "not-linked", "No case " + receiptNumber + " is linked to your account.");
        }
        List<Map<String, String>> looks = new ArrayList<>();
        jdbc.sql("select at, address from applicant_case_view where account_id = ? and receipt_number = ? order by at desc limit 200")
                .params(id, receipt).query((rs, n) -> Map.of("at", rs.getTimestamp(1).toInstant().toString(), "who", "you",
                        "from", rs.getString(2))).list().forEach(looks::add);
        caseReads.audit(null, receipt, 200).forEach(a -> looks.add(Map.of("at", a.at().toString(), "who", "agency staff",
                "why", a.purpose())));
        looks.sort((a, b) -> b.get("at").compareTo(a.get("at")));
        return looks;
    }

    /**
     * Everything held about an account, for its holder: the account, its linked cases, its
     * sign-ins (failures included) and the mail sent to its address (subjects only).
     */
    public Map<String, Object> export(UUID id) {
        Account account = account(id).orElseThrow();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("account", Map.of("email", account.email(), "language", account.language(), "kind", account.kind().name(),
                "emailVerified", account.emailVerified(), "twoStepEnabled", account.twoStepEnabled(), "caseUpdates", account.caseUpdates(),
                "createdAt", jdbc.sql("select created_at from applicant_account where id = ?").param(id).query(Timestamp.class).single()
                        .toInstant().toString()));
        all.put("cases", jdbc.sql("select receipt_number, role, consent, linked_at from applicant_case_link where account_id = ? order by linked_at")
                .param(id).query((rs, n) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("receiptNumber", rs.getString(1).strip());
                    c.put("role", rs.getString(2));
                    c.put("consent", rs.getString(3));
                    c.put("linkedAt", rs.getTimestamp(4).toInstant().toString());
                    return c;
                }).list());
        all.put("signIns", jdbc.sql("select at, address, outcome from sign_in_attempt where username in (?, ?) order by id desc limit 500")
                .params("applicant:" + account.email(), "applicant:" + id)
                .query((rs, n) -> Map.of("at", rs.getTimestamp(1).toInstant().toString(), "address", rs.getString(2),
                        "outcome", rs.getString(3))).list());
        all.put("mail", outbox.sentTo(account.email()).stream()
                .map(m -> Map.of("subject", m.subject(), "queuedAt", m.queuedAt().toString(), "status", m.status().name())).toList());
        return all;
    }

    /**
     * Deletes an account, after its password again: its links, codes and tokens go with it; what
     * the agency must keep (the audit of sign-ins, the mail sent) stays.
     */
    public void delete(UUID id, String password) {
        String hash = jdbc.sql("select password_hash from applicant_account where id = ?").param(id).query(String.class).single();
        if (password == null || !passwords.matches(password, hash)) {
            throw new Refused(422, "password", "Enter your password to delete your account.");
        }
        jdbc.sql("delete from applicant_account where id = ?").param(id).update();
        log.info("Applicant account {} deleted by its holder", id);
    }

    /**
     * A linked case changed: each holder who chose to hear of it is told there is an update, never
     * what it is (mail is not a protected channel).
     */
    @ApplicationModuleListener
    void caseChanged(CaseStatusChanged changed) {
        List<Object[]> holders = jdbc.sql("""
                        select a.email, a.language from applicant_case_link l join applicant_account a on a.id = l.account_id
                        where l.receipt_number = ? and a.email_verified_at is not null and a.case_update_mail""")
                .param(changed.receipt().value()).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2)}).list();
        for (Object[] holder : holders) {
            mail((String) holder[0], Locale.forLanguageTag((String) holder[1]), "update", site + "/account/sign-in");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    private void requireStrong(String password, String email) {
        if (password == null || password.length() < 12 || password.length() > 200) {
            throw new Refused(422, "password", "Choose a password of 12 to 200 characters. A few unrelated words make a good one.");
        }
        var judged = strength.measure(password, List.of(email, email.split("@")[0], "caseline", "uscis"));
        if (judged.getScore() < 3) {
            throw new Refused(422, "password", "This password is too easy to guess. A few unrelated words make a good one.");
        }
    }

    private String token(UUID id, String purpose, Duration lifetime) {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        jdbc.sql("insert into applicant_token (token_hash, account_id, purpose, expires_at) values (?, ?, ?, ?)")
                .params(sha256(token), id, purpose, Timestamp.from(clock.instant().plus(lifetime))).update();
        return token;
    }

    private UUID useToken(String token, String purpose) {
        if (token == null || !token.matches("[0-9a-f]{48}")) {
            throw new Refused(400, "token", "This link is not one we sent. Copy the whole link from the mail.");
        }
        Instant now = clock.instant();
        var row = jdbc.sql("select account_id, expires_at, used_at from applicant_token where token_hash = ? and purpose = ? for update")
                .params(sha256(token), purpose)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3)}).optional()
                .orElseThrow(() -> new Refused(400, "token", "This link is not one we sent. Copy the whole link from the mail."));
        if (row[2] != null) {
            throw new Refused(400, "token-used", "This link was used already. Sign in, or sign up again for a new one.");
        }
        if (!((Instant) row[1]).isAfter(now)) {
            throw new Refused(400, "token-expired", "This link has expired. Sign up again for a new one.");
        }
        jdbc.sql("update applicant_token set used_at = ? where token_hash = ?").params(Timestamp.from(now), sha256(token)).update();
        return (UUID) row[0];
    }

    private void mail(String to, Locale language, String kind, String link) {
        String body = messages.getMessage("account.mail." + kind + ".body", new Object[] {link}, language) + "\n\n-- \n"
                + messages.getMessage("mail.signature", null, language);
        outbox.send(new Mail(to, messages.getMessage("account.mail." + kind + ".subject", null, language), body, language, "account-" + kind));
    }

    private static String normalReceipt(String receipt) {
        return receipt == null ? "" : receipt.strip().toUpperCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
