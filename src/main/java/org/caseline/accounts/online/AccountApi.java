package org.caseline.accounts.online;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
import org.caseline.accounts.security.Passkeys;
import org.caseline.cases.CaseNotices;
import org.caseline.cases.CaseStatusView;
import org.caseline.platform.Languages;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applicants' accounts over HTTP ({@code /api/account}), for the web pages, a mobile client and
 * tests. Signing in takes two steps in one session: the password ({@code sign-in}), then a code
 * ({@code second-factor}); until the second, only enrolment in an authenticator app is open.
 */
@RestController
class AccountApi {

    /** {@code caseUpdates}: mail me when a linked case changes (optional; off unless asked for). */
    record SignUp(String email, String password, String language, String kind, Boolean caseUpdates) {
    }

    record Preferences(Boolean caseUpdates, String language) {
    }

    record Token(String token) {
    }

    record SignIn(String email, String password) {
    }

    record Code(String code) {
    }

    record Link(String receiptNumber, String accessCode, String consent) {
    }

    private final Applicants applicants;
    private final ApplicantSessions sessions;
    private final CaseNotices notices;
    private final Clock clock;
    private final Passkeys passkeys;

    private final org.caseline.accounts.SecureMessages secure;

    AccountApi(Applicants applicants, ApplicantSessions sessions, CaseNotices notices, Clock clock, Passkeys passkeys,
               org.caseline.accounts.SecureMessages secure) {
        this.secure = secure;
        this.passkeys = passkeys;
        this.applicants = applicants;
        this.sessions = sessions;
        this.notices = notices;
        this.clock = clock;
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
        applicants.signUp(body.email(), body.password(), body.language(), kind, Boolean.TRUE.equals(body.caseUpdates()));
        return ResponseEntity.accepted().body(Map.of("message",
                "If this address can be used, we sent a mail to it. Open the link in the mail to verify it."));
    }

    record Reset(String email) {
    }

    record NewPassword(String token, String password) {
    }

    @PostMapping("/api/account/password-reset")
    ResponseEntity<Map<String, String>> reset(@RequestBody(required = false) Reset body) {
        applicants.requestPasswordReset(body == null ? null : body.email());
        return ResponseEntity.accepted().body(Map.of("message", "If this address has an account, we sent it a link to choose a new password."));
    }

    /** A new password by the mail's link; every session of the account ends (whoever knew the old one is out). */
    @PostMapping("/api/account/password-reset/confirm")
    Map<String, Object> newPassword(@RequestBody(required = false) NewPassword body, HttpServletRequest request) {
        UUID id = applicants.resetPassword(body == null ? null : body.token(), body == null ? null : body.password());
        sessions.endAll(id, request);
        return Map.of("passwordChanged", true);
    }

    @PostMapping("/api/account/verify-email")
    Map<String, Object> verify(@RequestBody(required = false) Token body) {
        var account = applicants.verifyEmail(body == null ? null : body.token());
        return Map.of("email", account.email(), "verified", true);
    }

    /** The first step; the answer says what the second is: {@code enrol} (none set up yet) or {@code required}, and with what. */
    @PostMapping("/api/account/sign-in")
    Map<String, Object> signIn(@RequestBody(required = false) SignIn body, HttpServletRequest request, HttpServletResponse response) {
        var account = sessions.password(body == null ? null : body.email(), body == null ? null : body.password(), request, response);
        List<String> methods = new ArrayList<>();
        if (account.totpEnabled()) {
            methods.add("totp");
        }
        if (passkeys.has(account.id())) {
            methods.add("passkey");
        }
        return Map.of("secondFactor", account.twoStepEnabled() ? "required" : "enrol", "methods", methods);
    }

    /**
     * The options to make a passkey (WebAuthn JSON, for {@code PublicKeyCredential.parseCreationOptionsFromJSON}).
     * While signing in, only as the first second step (enrolment); once signed in, to add one.
     */
    @PostMapping(path = "/api/account/passkeys/options", produces = "application/json")
    String passkeyOptions(Authentication who, HttpServletRequest request) {
        return passkeys.creationOptions(enrollingOrSignedIn(who), request);
    }

    /** The passkey the browser made: {@code {"credential": <PublicKeyCredential.toJSON()>, "label": "..."}}; enrolling, it completes signing in. */
    @PostMapping("/api/account/passkeys")
    ResponseEntity<Map<String, Object>> addPasskey(@RequestBody(required = false) String body, Authentication who, HttpServletRequest request,
                                                   HttpServletResponse response) {
        Applicants.Account account = enrollingOrSignedIn(who);
        passkeys.register(account.id(), body, request);
        if (!signedIn(who)) {
            sessions.signedIn(account.id(), request, response);
        }
        return ResponseEntity.status(201).body(Map.of("signedIn", true, "passkeys", passkeys.list(account.id()).size()));
    }

    @GetMapping("/api/account/passkeys")
    Map<String, Object> myPasskeys(Authentication who) {
        return Map.of("passkeys", passkeys.list(id(who)).stream().map(p -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", p.id());
            o.put("label", p.label());
            o.put("created", p.created() == null ? null : p.created().toString());
            o.put("lastUsed", p.lastUsed() == null ? null : p.lastUsed().toString());
            return o;
        }).toList());
    }

    @DeleteMapping("/api/account/passkeys/{passkey}")
    ResponseEntity<Void> removePasskey(@PathVariable String passkey, Authentication who) {
        passkeys.delete(id(who), passkey);
        return ResponseEntity.noContent().build();
    }

    /** The challenge for the second step with a passkey (WebAuthn JSON, for {@code PublicKeyCredential.parseRequestOptionsFromJSON}). */
    @PostMapping(path = "/api/account/passkey-challenge", produces = "application/json")
    String passkeyChallenge(Authentication who, HttpServletRequest request) {
        return passkeys.requestOptions(id(who), request);
    }

    /** The second step with a passkey: the browser's answer, as {@code PublicKeyCredential.toJSON()} gives it. */
    @PostMapping("/api/account/second-factor/passkey")
    Map<String, Object> passkeySecondFactor(@RequestBody(required = false) String body, Authentication who, HttpServletRequest request,
                                            HttpServletResponse response) {
        sessions.passkey(id(who), body, request, response);
        return Map.of("signedIn", true);
    }

    private static boolean signedIn(Authentication who) {
        return who.getAuthorities().contains(new SimpleGrantedAuthority(ApplicantSessions.SIGNED_IN));
    }

    /** Adding a second factor while half signed in is enrolment, allowed only to an account that has none. */
    private Applicants.Account enrollingOrSignedIn(Authentication who) {
        Applicants.Account account = applicants.account(id(who)).orElseThrow();
        if (!signedIn(who) && account.twoStepEnabled()) {
            throw new Applicants.Refused(403, "second-step", "Finish signing in with your code or passkey first.");
        }
        return account;
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
        sessions.code(id(who), body == null ? null : body.code(), request, response);
        return Map.of("signedIn", true);
    }

    @GetMapping("/api/account/me")
    Map<String, Object> me(Authentication who) {
        var account = applicants.account(id(who)).orElseThrow();
        return Map.of("email", account.email(), "language", account.language(), "kind", account.kind().name(),
                "twoStepEnabled", account.twoStepEnabled(), "caseUpdates", account.caseUpdates(),
                "signedIn", who.getAuthorities().contains(new SimpleGrantedAuthority(ApplicantSessions.SIGNED_IN)));
    }

    /** The holder's choices: {@code caseUpdates} (mail on a case update) and {@code language}; what is left out stays. */
    @PutMapping("/api/account/preferences")
    Map<String, Object> choose(@RequestBody(required = false) Preferences body, Authentication who) {
        if (body == null || (body.caseUpdates() == null && body.language() == null)) {
            throw new Applicants.Refused(422, "body", "Send caseUpdates (true or false), language (en or es), or both.");
        }
        var account = applicants.choose(id(who), body.caseUpdates(), body.language());
        return Map.of("caseUpdates", account.caseUpdates(), "language", account.language());
    }

    @PostMapping("/api/account/sign-out")
    Map<String, Object> signOut(HttpServletRequest request) {
        sessions.signOut(request);
        return Map.of("signedIn", false);
    }

    /** Everything held about the account, as JSON to keep. */
    @GetMapping("/api/account/export")
    ResponseEntity<Map<String, Object>> export(Authentication who) {
        Map<String, Object> all = new LinkedHashMap<>(applicants.export(id(who)));
        all.put("messages", secure.threads(id(who)).stream().map(t -> AccountMessagesApi.whole(secure.thread(id(who), t.id()).orElseThrow()))
                .toList());
        all.put("passkeys", passkeys.list(id(who)));
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"caseline-account.json\"").body(all);
    }

    record Deletion(String password) {
    }

    /** Deletes the account (the password again); the session ends. */
    @DeleteMapping("/api/account")
    ResponseEntity<Void> delete(@RequestBody(required = false) Deletion body, Authentication who, HttpServletRequest request) {
        applicants.delete(id(who), body == null ? null : body.password());
        passkeys.forget(id(who));
        sessions.endAll(id(who), request);
        return ResponseEntity.noContent().build();
    }

    /** Where the account is signed in: each session's handle, when and from where it signed in, when last seen, which is this one. */
    @GetMapping("/api/account/sessions")
    Map<String, Object> signedIn(Authentication who, HttpServletRequest request) {
        return Map.of("sessions", sessions.signedIn(id(who), request).stream().map(s -> Map.of("handle", s.handle(),
                "signedInAt", s.signedInAt().toString(), "lastSeenAt", s.lastSeenAt().toString(), "from", s.from(),
                "device", s.device(), "current", s.current())).toList());
    }

    @DeleteMapping("/api/account/sessions/{handle}")
    ResponseEntity<Void> endSession(@PathVariable String handle, Authentication who, HttpServletRequest request) {
        sessions.end(id(who), handle, request);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/account/sign-out-everywhere")
    Map<String, Object> signOutEverywhere(Authentication who, HttpServletRequest request) {
        sessions.endAll(id(who), request);
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

    /** Who looked at the case: the holder's own views, and every staff read of it. */
    @GetMapping("/api/account/cases/{receipt}/views")
    Map<String, Object> views(@PathVariable String receipt, Authentication who) {
        return Map.of("receiptNumber", receipt, "views", applicants.whoLooked(id(who), receipt));
    }

    @GetMapping("/api/account/cases/{receipt}")
    Map<String, Object> one(@PathVariable String receipt, Authentication who, HttpServletRequest request) {
        Locale language = Languages.supported(Locale.forLanguageTag(applicants.account(id(who)).orElseThrow().language()));
        var linked = applicants.linked(id(who), receipt)
                .orElseThrow(() -> new Applicants.Refused(404, "not-linked", "No case " + receipt + " is linked to your account."));
        applicants.viewed(id(who), linked.receiptNumber(), request.getRemoteAddr());
        Map<String, Object> o = summary(linked, language);
        CaseStatusView view = linked.view();
        o.put("description", view.description(language));
        o.put("receivedDate", view.receivedDate().toString());
        o.put("office", view.office().name().in(language));
        o.put("history", view.history().stream().map(h -> Map.of("date", view.dateOf(h).toString(), "status", h.status().code(),
                "title", h.status().title().in(language))).toList());
        o.put("notices", notices.of(view.receipt()).stream().map(n -> Map.of("type", n.type().code(), "name", n.type().name().in(language),
                "form", n.type().form(), "sentOn", n.sentOn().toString())).toList());
        view.processingTime().ifPresent(p -> {
            o.put("processingTimeMonths", p.months());
            o.put("outsideProcessingTime", view.withinProcessingTimeUntil(0).isBefore(LocalDate.now(clock.withZone(view.zone()))));
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

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }
}
