package org.caseline.accounts.security;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The staff member's second step: set up the app ({@code /staff/two-step}), and give its code after the password ({@code /login/code}). */
@Controller
class StaffTwoStepPages {

    private final StaffTwoStep twoStep;
    private final SignInThrottle throttle;
    private final MessageSource messages;
    private final Passkeys passkeys;

    StaffTwoStepPages(StaffTwoStep twoStep, SignInThrottle throttle, MessageSource messages, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.twoStep = twoStep;
        this.throttle = throttle;
        this.messages = messages;
    }

    @GetMapping("/login/code")
    String codePage(Principal who, Model model) {
        model.addAttribute("hasPasskey", passkeys.has(StaffTwoStep.owner(who.getName())));
        model.addAttribute("hasApp", twoStep.appEnabled(who.getName()));
        return "login-code";
    }

    /** The challenge for the second step with a passkey. */
    @PostMapping(path = "/login/code/passkey/challenge", produces = "application/json")
    @ResponseBody
    String passkeyChallenge(Principal who, HttpServletRequest request) {
        return passkeys.requestOptions(StaffTwoStep.owner(who.getName()), request);
    }

    /** The second step with a passkey: the browser's signed answer. */
    @PostMapping("/login/code/passkey")
    @ResponseBody
    ResponseEntity<Map<String, String>> passkeyAnswer(@RequestBody(required = false) String answer, Principal who,
                                                      HttpServletRequest request) {
        String key = "staff-code:" + who.getName();
        if (throttle.refused(key, request.getRemoteAddr()).isPresent()) {
            return ResponseEntity.status(429).body(Map.of("code", "throttled", "message", "Too many failed tries. Try again in a few minutes."));
        }
        if (!passkeys.verify(StaffTwoStep.owner(who.getName()), answer, request)) {
            throttle.failed(key, request.getRemoteAddr());
            return ResponseEntity.status(422).body(Map.of("code", "passkey", "message", "That passkey did not sign in."));
        }
        throttle.succeeded(key, request.getRemoteAddr());
        passed(who, request);
        return ResponseEntity.ok(Map.of("next", "/staff"));
    }

    /** The options to make a passkey: setting up the second step, or adding one once past it. */
    @PostMapping(path = "/staff/two-step/passkey/options", produces = "application/json")
    @ResponseBody
    String passkeyOptions(Principal who, HttpServletRequest request) {
        requireSettingUpOrPassed(who, request);
        return passkeys.creationOptions(StaffTwoStep.owner(who.getName()), who.getName(), request);
    }

    @PostMapping("/staff/two-step/passkey")
    @ResponseBody
    ResponseEntity<Map<String, String>> addPasskey(@RequestBody(required = false) String body, Principal who, HttpServletRequest request) {
        requireSettingUpOrPassed(who, request);
        passkeys.register(StaffTwoStep.owner(who.getName()), body, request);
        passed(who, request);
        return ResponseEntity.status(201).body(Map.of("next", "/staff?twoStep=on"));
    }

    /** Half signed in, a member of staff who has a second step must pass it before adding another. */
    private void requireSettingUpOrPassed(Principal who, HttpServletRequest request) {
        var session = request.getSession(false);
        boolean passedHere = session != null && who.getName().equals(session.getAttribute(StaffTwoStep.PASSED));
        if (twoStep.enabled(who.getName()) && !passedHere) {
            throw new org.caseline.accounts.Applicants.Refused(403, "second-step", "Give your code or use your passkey first.");
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(org.caseline.accounts.Applicants.Refused.class)
    @ResponseBody
    ResponseEntity<Map<String, String>> refused(org.caseline.accounts.Applicants.Refused e) {
        return ResponseEntity.status(e.status()).body(Map.of("code", e.code(), "message", e.getMessage()));
    }

    @PostMapping("/login/code")
    String code(@RequestParam(required = false) String code, Principal who, Locale locale, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        return passOrRefuse(code, who, locale, model, request, response, "redirect:/staff", "login-code");
    }

    @GetMapping("/staff/two-step")
    String setUpPage(Principal who, Model model) {
        if (twoStep.enabled(who.getName())) {
            model.addAttribute("enabled", true);
            return "staff-two-step";
        }
        String uri = twoStep.enrol(who.getName());
        model.addAttribute("secret", twoStep.secret(who.getName()));
        model.addAttribute("qr", Totp.qrSvg(uri));
        return "staff-two-step";
    }

    @PostMapping("/staff/two-step")
    String setUp(@RequestParam(required = false) String code, Principal who, Locale locale, Model model, HttpServletRequest request,
                 HttpServletResponse response) {
        String next = passOrRefuse(code, who, locale, model, request, response, "redirect:/staff?twoStep=on", "staff-two-step");
        if (next.equals("staff-two-step")) {
            model.addAttribute("secret", twoStep.secret(who.getName()));
            model.addAttribute("qr", Totp.qrSvg(Totp.uri(who.getName(), twoStep.secret(who.getName()))));
        }
        return next;
    }

    /** A good code marks the session as past the second step (a new id, as at every step of signing in). */
    private String passOrRefuse(String code, Principal who, Locale locale, Model model, HttpServletRequest request,
                                HttpServletResponse response, String passed, String again) {
        Locale language = Languages.supported(locale);
        String key = "staff-code:" + who.getName();
        if (throttle.refused(key, request.getRemoteAddr()).isPresent()) {
            response.setStatus(429);
            model.addAttribute("error", messages.getMessage("login.code.throttled", null, language));
            return again;
        }
        if (!twoStep.check(who.getName(), code)) {
            throttle.failed(key, request.getRemoteAddr());
            response.setStatus(422);
            model.addAttribute("error", messages.getMessage("login.code.wrong", null, language));
            return again;
        }
        throttle.succeeded(key, request.getRemoteAddr());
        passed(who, request);
        return passed;
    }

    /** The session is past the second step, under a new id as at every step of signing in. */
    private static void passed(Principal who, HttpServletRequest request) {
        request.changeSessionId();
        request.getSession().setAttribute(StaffTwoStep.PASSED, who.getName());
    }
}
