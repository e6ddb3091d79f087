package org.caseline.accounts.online;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
import org.caseline.accounts.SecureMessages;
import org.caseline.platform.Languages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The holder's secure messages: their threads, a new message (about one of their cases or not, with files), a thread with its answers. */
@Controller
class AccountMessagePages {

    record Row(String id, String subject, String receipt, String status, String date) {
    }

    record Entry(String who, String when, String body, List<SecureMessages.AttachmentInfo> files) {
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm z");

    private final SecureMessages secure;
    private final Applicants applicants;
    private final MessageSource messages;
    private final ZoneId zone;

    AccountMessagePages(SecureMessages secure, Applicants applicants, MessageSource messages,
                        @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone) {
        this.secure = secure;
        this.applicants = applicants;
        this.messages = messages;
        this.zone = zone;
    }

    @GetMapping("/account/messages")
    String list(@RequestParam(required = false) String receipt, Authentication who, Locale locale, Model model) {
        Locale language = Languages.supported(locale);
        UUID id = id(who);
        model.addAttribute("threads", secure.threads(id).stream().map(t -> new Row(t.id().toString(), t.subject(),
                t.receiptNumber() == null ? "" : t.receiptNumber(), messages.getMessage("account.messages.status." + t.status(), null, language),
                when(t.createdAt(), language))).toList());
        model.addAttribute("cases", applicants.cases(id).stream().map(Applicants.LinkedCase::receiptNumber).toList());
        model.addAttribute("chosen", receipt == null ? "" : receipt);
        return "account-messages";
    }

    @PostMapping("/account/messages")
    String start(@RequestParam(required = false) String subject, @RequestParam(required = false) String text,
                 @RequestParam(required = false) String receiptNumber, @RequestParam(name = "files", required = false) List<MultipartFile> files,
                 Authentication who, Locale locale, Model model, HttpServletResponse response) {
        try {
            SecureMessages.Thread thread = secure.start(id(who), subject, text, receiptNumber, AccountMessagesApi.attachments(files));
            return "redirect:/account/messages/" + thread.id() + "?sent";
        } catch (Applicants.Refused e) {
            response.setStatus(e.status());
            model.addAttribute("error", messages.getMessage("account.error." + e.code(), null, e.getMessage(), Languages.supported(locale)));
            model.addAttribute("subject", subject == null ? "" : subject);
            model.addAttribute("text", text == null ? "" : text);
            list(receiptNumber, who, locale, model);
            return "account-messages";
        }
    }

    @GetMapping("/account/messages/{thread}")
    String thread(@PathVariable UUID thread, Authentication who, Locale locale, Model model, HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        var found = secure.thread(id(who), thread);
        if (found.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("missing", true);
            return "account-message";
        }
        SecureMessages.Thread t = found.get();
        model.addAttribute("thread", t);
        model.addAttribute("entries", t.messages().stream().map(m -> new Entry(
                messages.getMessage(m.direction().equals("IN") ? "account.messages.you" : "account.messages.us", null, language),
                when(m.at(), language), m.body(), m.attachments())).toList());
        return "account-message";
    }

    @PostMapping("/account/messages/{thread}")
    String reply(@PathVariable UUID thread, @RequestParam(required = false) String text,
                 @RequestParam(name = "files", required = false) List<MultipartFile> files, Authentication who, Locale locale,
                 RedirectAttributes redirect) {
        try {
            secure.reply(id(who), thread, text, AccountMessagesApi.attachments(files));
        } catch (Applicants.Refused e) {
            redirect.addFlashAttribute("error", messages.getMessage("account.error." + e.code(), null, e.getMessage(), Languages.supported(locale)));
        }
        return "redirect:/account/messages/" + thread;
    }

    @GetMapping("/account/messages/files/{attachment}")
    ResponseEntity<byte[]> download(@PathVariable UUID attachment, Authentication who) {
        return secure.attachment(id(who), attachment).map(AccountMessagesApi::file).orElseGet(() -> ResponseEntity.notFound().build());
    }

    private String when(java.time.Instant at, Locale language) {
        return Languages.longDate(at.atZone(zone).toLocalDate(), language) + ", " + HOUR.withLocale(language).format(at.atZone(zone));
    }

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }
}
