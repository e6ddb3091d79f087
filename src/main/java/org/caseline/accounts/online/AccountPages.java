package org.caseline.accounts.online;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
import org.caseline.accounts.security.Passkeys;
import org.caseline.accounts.security.Totp;
import org.caseline.cases.CaseNotices;
import org.caseline.cases.CaseStatusView;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The applicant's pages: sign up, verify the address from the mail's link, sign in, set up the
 * authenticator app (a QR code to scan, the backup codes) or give its code, then "My cases": link
 * one with its receipt number and access code, and read each one's whole history.
 */
@Controller
class AccountPages {

    record HistoryRow(String date, String status) {
    }

    record NoticeRow(String date, String name, String form) {
    }

    record SessionRow(String handle, String signedIn, String from, String device, boolean current) {
    }

    private final Applicants applicants;
    private final ApplicantSessions sessions;
    private final MessageSource messages;
    private final CaseNotices notices;
    private final Clock clock;
    private final Passkeys passkeys;
    private final org.caseline.accounts.SecureMessages secure;

    private static final java.time.format.DateTimeFormatter HOUR = java.time.format.DateTimeFormatter.ofPattern("HH:mm z");

    private final java.time.ZoneId zone;

    AccountPages(Applicants applicants, ApplicantSessions sessions, MessageSource messages, CaseNotices notices, Clock clock,
                 @org.springframework.beans.factory.annotation.Value("${caseline.agency.time-zone:America/New_York}") java.time.ZoneId zone,
                 Passkeys passkeys, org.caseline.accounts.SecureMessages secure) {
        this.passkeys = passkeys;
        this.secure = secure;
        this.zone = zone;
        this.applicants = applicants;
        this.sessions = sessions;
        this.messages = messages;
        this.notices = notices;
        this.clock = clock;
    }

    @GetMapping("/account/sign-up")
    String signUpPage() {
        return "account-sign-up";
    }

    @PostMapping("/account/sign-up")
    String signUp(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String kind, @RequestParam(defaultValue = "false") boolean caseUpdates, Locale locale,
                  Model model, HttpServletResponse response) {
        Applicants.Kind chosen = "REPRESENTATIVE".equals(kind) ? Applicants.Kind.REPRESENTATIVE : Applicants.Kind.APPLICANT;
        model.addAttribute("kind", chosen.name());
        model.addAttribute("caseUpdates", caseUpdates);
        try {
            applicants.signUp(email, password, Languages.supported(locale).getLanguage(), chosen, caseUpdates);
            model.addAttribute("sent", true);
        } catch (Applicants.Refused e) {
            response.setStatus(422);
            model.addAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
            model.addAttribute("errorField", e.code());
            model.addAttribute("email", email == null ? "" : email.length() > 254 ? email.substring(0, 254) : email);
        }
        return "account-sign-up";
    }

    /** The mail's link opens this page; the address is verified only when the visitor presses the button (mail scanners open links). */
    @GetMapping("/account/verify")
    String verifyPage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null ? "" : token.length() > 100 ? "" : token);
        return "account-verify";
    }

    @PostMapping("/account/verify")
    String verify(@RequestParam(required = false) String token, Locale locale, Model model, HttpServletResponse response) {
        try {
            applicants.verifyEmail(token);
            model.addAttribute("verified", true);
        } catch (Applicants.Refused e) {
            response.setStatus(400);
            model.addAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
        }
        return "account-verify";
    }

    @GetMapping("/account/reset")
    String resetPage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null || token.length() > 100 ? "" : token);
        return "account-reset";
    }

    @PostMapping("/account/reset")
    String reset(@RequestParam(required = false) String email, @RequestParam(required = false) String token,
                 @RequestParam(required = false) String password, Locale locale, Model model, HttpServletRequest request,
                 HttpServletResponse response) {
        try {
            if (token == null || token.isBlank()) {
                applicants.requestPasswordReset(email);
                model.addAttribute("sent", true);
            } else {
                sessions.endAll(applicants.resetPassword(token, password), request);
                model.addAttribute("changed", true);
            }
        } catch (Applicants.Refused e) {
            response.setStatus(e.status());
            model.addAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
            model.addAttribute("token", token == null ? "" : token);
        }
        return "account-reset";
    }

    @GetMapping("/account/sign-in")
    String signInPage() {
        return "account-sign-in";
    }

    @PostMapping("/account/sign-in")
    String signIn(@RequestParam(required = false) String email, @RequestParam(required = false) String password, Locale locale,
                  Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            var account = sessions.password(email, password, request, response);
            return account.twoStepEnabled() ? "redirect:/account/two-step" : "redirect:/account/two-step/enrol";
        } catch (Applicants.Refused e) {
            response.setStatus(e.status());
            model.addAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
            model.addAttribute("email", email == null ? "" : email.length() > 254 ? email.substring(0, 254) : email);
            return "account-sign-in";
        }
    }

    @GetMapping("/account/two-step/enrol")
    String enrol(Authentication who, Model model) {
        var account = applicants.account(id(who)).orElseThrow();
        if (account.twoStepEnabled()) {
            return "redirect:/account/two-step";
        }
        var enrolment = applicants.enrolTotp(account.id());
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("qr", Totp.qrSvg(enrolment.otpauthUri()));
        return "account-two-step";
    }

    @GetMapping("/account/two-step")
    String twoStepPage(Authentication who, Model model) {
        model.addAttribute("hasPasskey", passkeys.has(id(who)));
        return "account-two-step";
    }

    @PostMapping("/account/two-step")
    String twoStep(@RequestParam(required = false) String code, Authentication who, Locale locale, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        try {
            sessions.code(id(who), code, request, response);
            return "redirect:/account";
        } catch (Applicants.Refused e) {
            response.setStatus(e.status());
            model.addAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
            model.addAttribute("hasPasskey", passkeys.has(id(who)));
            return "account-two-step";
        }
    }

    @PostMapping("/account/sign-out")
    String signOut(HttpServletRequest request) {
        sessions.signOut(request);
        return "redirect:/";
    }

    @GetMapping("/account")
    String myCases(Authentication who, Locale locale, Model model, HttpServletRequest request) {
        Locale language = Languages.supported(locale);
        model.addAttribute("account", applicants.account(id(who)).orElseThrow());
        model.addAttribute("sessions", sessions.signedIn(id(who), request).stream().map(s -> new SessionRow(s.handle(),
                Languages.longDate(s.signedInAt().atZone(zone).toLocalDate(), language) + ", "
                        + HOUR.withLocale(language).format(s.signedInAt().atZone(zone)), s.from(), device(s.device()), s.current()))
                .toList());
        model.addAttribute("cases", applicants.cases(id(who)).stream()
                .map(c -> new String[] {c.receiptNumber(), c.view().form().number(), c.view().title(language),
                        Languages.longDate(c.view().statusDate(), language)}).toList());
        return "account-cases";
    }

    @PostMapping("/account/cases")
    String link(@RequestParam(required = false) String receiptNumber, @RequestParam(required = false) String accessCode,
                @RequestParam(required = false) String consent, Authentication who, Locale locale, RedirectAttributes redirect) {
        try {
            var linked = applicants.link(id(who), receiptNumber, accessCode, consent);
            return "redirect:/account/cases/" + linked.receiptNumber();
        } catch (Applicants.Refused e) {
            redirect.addFlashAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
            redirect.addFlashAttribute("receiptNumber", receiptNumber == null ? "" : receiptNumber.length() > 30 ? "" : receiptNumber);
            return "redirect:/account";
        }
    }

    /** Takes a case out of the account (its applicant may link it again with the access code). */
    @PostMapping("/account/cases/{receipt}/remove")
    String unlink(@PathVariable String receipt, Authentication who, Locale locale, RedirectAttributes redirect) {
        try {
            applicants.unlink(id(who), receipt);
        } catch (Applicants.Refused e) {
            redirect.addFlashAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/sessions/{handle}/end")
    String endSession(@PathVariable String handle, Authentication who, Locale locale, HttpServletRequest request,
                      RedirectAttributes redirect) {
        try {
            sessions.end(id(who), handle, request);
        } catch (Applicants.Refused e) {
            redirect.addFlashAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/sign-out-everywhere")
    String signOutEverywhere(Authentication who, HttpServletRequest request) {
        sessions.endAll(id(who), request);
        return "redirect:/account/sign-in";
    }

    /** A browser as people name it, from its User-Agent: "Chrome on Linux"; the whole string when it is none we know. */
    static String device(String agent) {
        if (agent == null) {
            return "-";
        }
        String browser = agent.contains("Edg/") ? "Edge" : agent.contains("Firefox/") ? "Firefox" : agent.contains("Chrome/") ? "Chrome"
                : agent.contains("Safari/") ? "Safari" : null;
        String system = agent.contains("Android") ? "Android" : agent.contains("iPhone") || agent.contains("iPad") ? "iOS"
                : agent.contains("Windows") ? "Windows" : agent.contains("Mac OS") ? "macOS" : agent.contains("Linux") ? "Linux" : null;
        return browser == null ? agent : system == null ? browser : browser + " / " + system;
    }

    @PostMapping("/account/preferences")
    String choose(@RequestParam(defaultValue = "false") boolean caseUpdates, Authentication who, RedirectAttributes redirect) {
        applicants.choose(id(who), caseUpdates, null);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/account";
    }

    @GetMapping("/account/cases/{receipt}")
    String oneCase(@PathVariable String receipt, Authentication who, Locale locale, Model model, HttpServletRequest request,
                   HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        var linked = applicants.linked(id(who), receipt);
        if (linked.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("missing", receipt.length() > 30 ? receipt.substring(0, 30) : receipt);
            return "account-case";
        }
        applicants.viewed(id(who), linked.get().receiptNumber(), request.getRemoteAddr());
        CaseStatusView view = linked.get().view();
        model.addAttribute("receipt", linked.get().receiptNumber());
        model.addAttribute("form", view.form().number() + ", " + view.form().title().in(language));
        model.addAttribute("statusTitle", view.title(language));
        model.addAttribute("description", view.description(language));
        model.addAttribute("received", Languages.longDate(view.receivedDate(), language));
        model.addAttribute("office", view.office().name().in(language));
        model.addAttribute("history", view.history().reversed().stream()
                .map(h -> new HistoryRow(Languages.longDate(view.dateOf(h), language), h.status().title().in(language))).toList());
        model.addAttribute("threads", secure.threads(id(who)).stream().filter(t -> linked.get().receiptNumber().equals(t.receiptNumber()))
                .map(t -> new String[] {t.id().toString(), t.subject(), messages.getMessage("account.messages.status." + t.status(), null, language)})
                .toList());
        model.addAttribute("notices", notices.of(view.receipt()).stream()
                .map(n -> new NoticeRow(Languages.longDate(n.sentOn(), language), n.type().name().in(language), n.type().form())).toList());
        view.processingTime().ifPresent(p -> {
            LocalDate until = view.withinProcessingTimeUntil(0);
            model.addAttribute("processing", messages.getMessage("status.processing.text", new Object[] {view.form().number(),
                    view.office().name().in(language), Languages.months(p.months(), language), Languages.longDate(p.publishedOn(), language)},
                    language));
            model.addAttribute("outside", until.isBefore(LocalDate.now(clock.withZone(view.zone()))));
            model.addAttribute("withinUntil", Languages.longDate(until, language));
        });
        return "account-case";
    }

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, Languages.supported(locale));
    }

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }
}
