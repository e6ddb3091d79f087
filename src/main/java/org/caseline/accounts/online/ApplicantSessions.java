package org.caseline.accounts.online;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.caseline.accounts.Applicants;
import org.caseline.accounts.security.Passkeys;
import org.caseline.accounts.security.SignInThrottle;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Signing an applicant in, for the API and the pages alike: the password (throttled), then the
 * second step; each step a new session id (no fixation), holding who and how far.
 */
@Component
class ApplicantSessions {

    static final String PENDING = "APPLICANT_PENDING";
    static final String SIGNED_IN = "ROLE_APPLICANT";

    /** A session signed in to an account, as its holder sees it; {@code handle} names it without being it. */
    record SignedIn(String handle, Instant signedInAt, Instant lastSeenAt, String from, String device, boolean current) {
    }

    private static final String SIGNED_IN_AT = "caseline.signedInAt";
    private static final String FROM = "caseline.from";
    private static final String DEVICE = "caseline.device";

    private final Applicants applicants;
    private final SignInThrottle throttle;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final FindByIndexNameSessionRepository<? extends Session> store;
    private final Clock clock;
    private final Passkeys passkeys;

    ApplicantSessions(Applicants applicants, SignInThrottle throttle, FindByIndexNameSessionRepository<? extends Session> store,
                      Clock clock, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.applicants = applicants;
        this.throttle = throttle;
        this.store = store;
        this.clock = clock;
    }

    /** The first step; the session then allows only the second. */
    Applicants.Account password(String email, String password, HttpServletRequest request, HttpServletResponse response) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String key = "applicant:" + address;
        var wait = throttle.refused(key, request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            throw new Applicants.Refused(429, "throttled", "Too many failed sign-ins for this account or from this address. Try again in "
                    + Math.max(1, (wait.get().toSeconds() + 59) / 60) + " minute(s).");
        }
        Optional<Applicants.Account> account = applicants.checkPassword(address, password);
        if (account.isEmpty()) {
            throttle.failed(key, request.getRemoteAddr());
            throw new Applicants.Refused(401, "sign-in", "The email address or password is not correct, or the address is not verified yet.");
        }
        throttle.succeeded(key, request.getRemoteAddr());
        signInAs(account.get().id(), PENDING, request, response);
        return account.get();
    }

    /** The second step: a code from the app or a backup code. */
    void code(UUID id, String code, HttpServletRequest request, HttpServletResponse response) {
        String key = "applicant:" + id;
        if (throttle.refused(key, request.getRemoteAddr()).isPresent()) {
            throw new Applicants.Refused(429, "throttled", "Too many wrong codes. Try again in a few minutes.");
        }
        if (!applicants.secondFactor(id, code)) {
            throttle.failed(key, request.getRemoteAddr());
            throw new Applicants.Refused(422, "code", "That code is not right. Enter the 6 digits your app shows now, or a backup code.");
        }
        signedIn(id, request, response);
    }

    /** The second step with a passkey: the browser's signed answer to the challenge it was given. */
    void passkey(UUID id, String answer, HttpServletRequest request, HttpServletResponse response) {
        String key = "applicant:" + id;
        if (throttle.refused(key, request.getRemoteAddr()).isPresent()) {
            throw new Applicants.Refused(429, "throttled", "Too many failed tries. Try again in a few minutes.");
        }
        if (!passkeys.verify(id, answer, request)) {
            throttle.failed(key, request.getRemoteAddr());
            throw new Applicants.Refused(422, "passkey", "That passkey did not sign in. Try again, or use a code from your app or a backup code.");
        }
        signedIn(id, request, response);
    }

    /** Both steps done: a new session id, and what the holder's list of sessions shows of it. */
    void signedIn(UUID id, HttpServletRequest request, HttpServletResponse response) {
        signInAs(id, SIGNED_IN, request, response);
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN_AT, clock.instant().toEpochMilli());
        session.setAttribute(FROM, request.getRemoteAddr());
        String agent = request.getHeader("User-Agent");
        session.setAttribute(DEVICE, agent == null ? "-" : agent.length() > 200 ? agent.substring(0, 200) : agent);
    }

    /** Where the account is signed in (both steps done), newest first. */
    List<SignedIn> signedIn(UUID id, HttpServletRequest request) {
        HttpSession mine = request.getSession(false);
        return store.findByPrincipalName(id.toString()).values().stream()
                .filter(s -> s.getAttribute(SIGNED_IN_AT) != null)
                .map(s -> new SignedIn(handle(s.getId()), Instant.ofEpochMilli(s.<Long>getAttribute(SIGNED_IN_AT)), s.getLastAccessedTime(),
                        s.getAttribute(FROM), s.getAttribute(DEVICE), mine != null && mine.getId().equals(s.getId())))
                .sorted(java.util.Comparator.comparing(SignedIn::signedInAt).reversed()).toList();
    }

    /** Ends one of the account's sessions by its handle; ending the current one signs out here. */
    void end(UUID id, String handle, HttpServletRequest request) {
        String sessionId = store.findByPrincipalName(id.toString()).keySet().stream().filter(k -> handle(k).equals(handle)).findFirst()
                .orElseThrow(() -> new Applicants.Refused(404, "no-session", "No session of yours has that handle: it may have ended already."));
        HttpSession mine = request.getSession(false);
        if (mine != null && mine.getId().equals(sessionId)) {
            signOut(request);
        } else {
            store.deleteById(sessionId);
        }
    }

    /** Signs the account out everywhere, this session too (after a password change, or when asked). */
    void endAll(UUID id, HttpServletRequest request) {
        store.findByPrincipalName(id.toString()).keySet().forEach(store::deleteById);
        signOut(request);
    }

    private static String handle(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void signOut(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    private void signInAs(UUID id, String authority, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(id.toString(), null, List.of(new SimpleGrantedAuthority(authority))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
