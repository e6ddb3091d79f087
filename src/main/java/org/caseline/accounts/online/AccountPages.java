package org.caseline.accounts.online;

import java.util.Locale;
import java.util.UUID;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
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

    private final Applicants applicants;
    private final ApplicantSessions sessions;
    private final MessageSource messages;

    AccountPages(Applicants applicants, ApplicantSessions sessions, MessageSource messages) {
        this.applicants = applicants;
        this.sessions = sessions;
        this.messages = messages;
    }

    @GetMapping("/account/sign-up")
    String signUpPage() {
        return "account-sign-up";
    }

    @PostMapping("/account/sign-up")
    String signUp(@RequestParam(required = false) String email, @RequestParam(required = false) String password, Locale locale,
                  Model model, HttpServletResponse response) {
        try {
            applicants.signUp(email, password, Languages.supported(locale).getLanguage(), Applicants.Kind.APPLICANT);
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
                 @RequestParam(required = false) String password, Locale locale, Model model, HttpServletResponse response) {
        try {
            if (token == null || token.isBlank()) {
                applicants.requestPasswordReset(email);
                model.addAttribute("sent", true);
            } else {
                applicants.resetPassword(token, password);
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
        model.addAttribute("qr", qr(enrolment.otpauthUri()));
        return "account-two-step";
    }

    @GetMapping("/account/two-step")
    String twoStepPage() {
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
            return "account-two-step";
        }
    }

    @PostMapping("/account/sign-out")
    String signOut(HttpServletRequest request) {
        sessions.signOut(request);
        return "redirect:/";
    }

    @GetMapping("/account")
    String myCases(Authentication who, Locale locale, Model model) {
        Locale language = Languages.supported(locale);
        model.addAttribute("account", applicants.account(id(who)).orElseThrow());
        model.addAttribute("cases", applicants.cases(id(who)).stream()
                .map(c -> new String[] {c.receiptNumber(), c.view().form().number(), c.view().title(language),
                        Languages.longDate(c.view().statusDate(), language)}).toList());
        return "account-cases";
    }

    @PostMapping("/account/cases")
    String link(@RequestParam(required = false) String receiptNumber, @RequestParam(required = false) String accessCode,
                Authentication who, Locale locale, RedirectAttributes redirect) {
        try {
            var linked = applicants.link(id(who), receiptNumber, accessCode, null);
            return "redirect:/account/cases/" + linked.receiptNumber();
        } catch (Applicants.Refused e) {
            redirect.addFlashAttribute("error", text("account.error." + e.code(), e.getMessage(), locale));
            redirect.addFlashAttribute("receiptNumber", receiptNumber == null ? "" : receiptNumber.length() > 30 ? "" : receiptNumber);
            return "redirect:/account";
        }
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
        return "account-case";
    }

    /** The QR code of the authenticator URI as an SVG of its dark modules. */
    static String qr(String content) {
        try {
            BitMatrix m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0);
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-4 -4 " + (m.getWidth() + 8) + " " + (m.getHeight() + 8)
                    + "\" width=\"240\" height=\"240\" role=\"img\" aria-labelledby=\"qr-title\"><title id=\"qr-title\">QR</title>"
                    + "<rect x=\"-4\" y=\"-4\" width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, Languages.supported(locale));
    }

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }
}
