package org.caseline.accounts.online;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
import org.caseline.accounts.security.SignInThrottle;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signing an applicant in, for the API and the pages alike: the password (throttled), then the
 * second step; each step a new session id (no fixation), holding who and how far.
 */
@Component
class ApplicantSessions {

    static final String PENDING = "APPLICANT_PENDING";
    static final String SIGNED_IN = "ROLE_APPLICANT";

    private final Applicants applicants;
    private final SignInThrottle throttle;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    ApplicantSessions(Applicants applicants, SignInThrottle throttle) {
        this.applicants = applicants;
        this.throttle = throttle;
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
        signInAs(id, SIGNED_IN, request, response);
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
