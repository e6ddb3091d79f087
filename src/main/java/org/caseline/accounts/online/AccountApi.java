package org.caseline.accounts.online;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
import org.caseline.accounts.security.SignInThrottle;
import org.caseline.cases.CaseStatusView;
import org.caseline.platform.Languages;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applicants' accounts over HTTP ({@code /api/account}), for the web pages, a mobile client and
 * tests. Signing in takes two steps in one session: the password ({@code sign-in}), then a code
 * ({@code second-factor}); until the second, only enrolment in an authenticator app is open.
 */
@RestController
class AccountApi {

    record SignUp(String email, String password, String language, String kind) {
    }

    record Token(String token) {
    }

    record SignIn(String email, String password) {
    }

    record Code(String code) {
    }

    record Link(String receiptNumber, String accessCode, String consent) {
    }

    private static final String PENDING = "APPLICANT_PENDING";
    private static final String SIGNED_IN = "ROLE_APPLICANT";

    private final Applicants applicants;
    private final SignInThrottle throttle;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountApi(Applicants applicants, SignInThrottle throttle) {
        this.applicants = applicants;
        this.throttle = throttle;
    }

    /** The CSRF token for a client that cannot read the {@code XSRF-TOKEN} cookie, and where it goes. */
    @GetMapping("/api/account/csrf")
    Map<String, String> csrf(CsrfToken token) {
        return Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(), "token", token.getToken());
    }

    @PostMapping("/api/account/sign-up")
    ResponseEntity<Map<String, String>> signUp(@RequestBody(required = false) SignUp body) {
        if (body == null) {
            throw new Applicants.Refused(422, "body", "Send email, password and language.");
        }
        Applicants.Kind kind;
        try {
            kind = body.kind() == null ? Applicants.Kind.APPLICANT : Applicants.Kind.valueOf(body.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Applicants.Refused(422, "kind", "kind is APPLICANT or REPRESENTATIVE.");
        }
        applicants.signUp(body.email(), body.password(), body.language(), kind);
        return ResponseEntity.accepted().body(Map.of("message",
                "If this address can be used, we sent a mail to it. Open the link in the mail to verify it."));
    }

    @PostMapping("/api/account/verify-email")
    Map<String, Object> verify(@RequestBody(required = false) Token body) {
        var account = applicants.verifyEmail(body == null ? null : body.token());
        return Map.of("email", account.email(), "verified", true);
    }

    @PostMapping("/api/account/sign-in")
    Map<String, Object> signIn(@RequestBody(required = false) SignIn body, HttpServletRequest request, HttpServletResponse response) {
        String email = body == null || body.email() == null ? "" : body.email().strip().toLowerCase(Locale.ROOT);
        String key = "applicant:" + email;
        var wait = throttle.refused(key, request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            throw new Applicants.Refused(429, "throttled", "Too many failed sign-ins for this account or from this address. Try again in "
                    + Math.max(1, (wait.get().toSeconds() + 59) / 60) + " minute(s).");
        }
        Optional<Applicants.Account> account = applicants.checkPassword(email, body == null ? null : body.password());
        if (account.isEmpty()) {
            throttle.failed(key, request.getRemoteAddr());
            throw new Applicants.Refused(401, "sign-in", "The email address or password is not correct, or the address is not verified yet.");
        }
        throttle.succeeded(key, request.getRemoteAddr());
        signInAs(account.get().id(), PENDING, request, response);
        return Map.of("secondFactor", account.get().twoStepEnabled() ? "required" : "enrol");
    }

    @PostMapping("/api/account/totp")
    Map<String, Object> enrol(Authentication who) {
        var enrolment = applicants.enrolTotp(id(who));
        return Map.of("secret", enrolment.secret(), "otpauthUri", enrolment.otpauthUri(), "backupCodes", enrolment.backupCodes(),
                "next", "Scan the code with an authenticator app, then send a code it shows to /api/account/second-factor.");
    }

    @PostMapping("/api/account/second-factor")
    Map<String, Object> secondFactor(@RequestBody(required = false) Code body, Authentication who, HttpServletRequest request,
                                     HttpServletResponse response) {
        UUID id = id(who);
        String key = "applicant:" + id;
        if (throttle.refused(key, request.getRemoteAddr()).isPresent()) {
            throw new Applicants.Refused(429, "throttled", "Too many wrong codes. Try again in a few minutes.");
        }
        if (!applicants.secondFactor(id, body == null ? null : body.code())) {
            throttle.failed(key, request.getRemoteAddr());
            throw new Applicants.Refused(422, "code", "That code is not right. Enter the 6 digits your app shows now, or a backup code.");
        }
        signInAs(id, SIGNED_IN, request, response);
        return Map.of("signedIn", true);
    }

    @GetMapping("/api/account/me")
    Map<String, Object> me(Authentication who) {
        var account = applicants.account(id(who)).orElseThrow();
        return Map.of("email", account.email(), "language", account.language(), "kind", account.kind().name(),
                "twoStepEnabled", account.twoStepEnabled(), "signedIn", who.getAuthorities().contains(new SimpleGrantedAuthority(SIGNED_IN)));
    }

    @PostMapping("/api/account/sign-out")
    Map<String, Object> signOut(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return Map.of("signedIn", false);
    }

    @GetMapping("/api/account/cases")
    Map<String, Object> cases(Authentication who) {
        Locale language = Locale.forLanguageTag(applicants.account(id(who)).orElseThrow().language());
        return Map.of("cases", applicants.cases(id(who)).stream().map(c -> summary(c, language)).toList());
    }

    @PostMapping("/api/account/cases")
    ResponseEntity<Map<String, Object>> link(@RequestBody(required = false) Link body, Authentication who) {
        if (body == null) {
            throw new Applicants.Refused(422, "body", "Send receiptNumber and accessCode.");
        }
        var linked = applicants.link(id(who), body.receiptNumber(), body.accessCode(), body.consent());
        return ResponseEntity.status(201).body(summary(linked, Locale.forLanguageTag(applicants.account(id(who)).orElseThrow().language())));
    }

    @GetMapping("/api/account/cases/{receipt}")
    Map<String, Object> one(@PathVariable String receipt, Authentication who) {
        Locale language = Languages.supported(Locale.forLanguageTag(applicants.account(id(who)).orElseThrow().language()));
        var linked = applicants.linked(id(who), receipt)
                .orElseThrow(() -> new Applicants.Refused(404, "not-linked", "No case " + receipt + " is linked to your account."));
        Map<String, Object> o = summary(linked, language);
        CaseStatusView view = linked.view();
        o.put("description", view.description(language));
        o.put("receivedDate", view.receivedDate().toString());
        o.put("office", view.office().name().in(language));
        o.put("history", view.history().stream().map(h -> Map.of("date", view.dateOf(h).toString(), "status", h.status().code(),
                "title", h.status().title().in(language))).toList());
        view.processingTime().ifPresent(p -> {
            o.put("processingTimeMonths", p.months());
            o.put("outsideProcessingTime", view.receivedDate().plusDays(Math.round(p.months() * 30.44))
                    .isBefore(java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"))));
        });
        return o;
    }

    @DeleteMapping("/api/account/cases/{receipt}")
    ResponseEntity<Void> unlink(@PathVariable String receipt, Authentication who) {
        applicants.unlink(id(who), receipt);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> summary(Applicants.LinkedCase c, Locale language) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("receiptNumber", c.receiptNumber());
        o.put("role", c.role());
        o.put("form", c.view().form().number());
        o.put("status", c.view().status().code());
        o.put("statusTitle", c.view().title(language));
        o.put("statusDate", c.view().statusDate().toString());
        return o;
    }

    /** A new session (the old one's id is gone: no fixation) holding who signed in and how far. */
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

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }

    @ExceptionHandler(Applicants.Refused.class)
    ResponseEntity<Map<String, String>> refused(Applicants.Refused e) {
        return ResponseEntity.status(e.status()).body(Map.of("code", e.code(), "message", e.getMessage()));
    }
}
