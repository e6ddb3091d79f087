package org.caseline.accounts.security;

import java.security.Principal;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff member's second step: set up the app ({@code /staff/two-step}), and give its code after the password ({@code /login/code}). */
@Controller
class StaffTwoStepPages {

    private final StaffTwoStep twoStep;
    private final SignInThrottle throttle;
    private final MessageSource messages;

    StaffTwoStepPages(StaffTwoStep twoStep, SignInThrottle throttle, MessageSource messages) {
        this.twoStep = twoStep;
        this.throttle = throttle;
        this.messages = messages;
    }

    @GetMapping("/login/code")
    String codePage() {
        return "login-code";
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
        request.changeSessionId();
        request.getSession().setAttribute(StaffTwoStep.PASSED, who.getName());
        return passed;
    }
}
