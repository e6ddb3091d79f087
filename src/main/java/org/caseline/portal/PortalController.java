package org.caseline.portal;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.cases.CaseStatusRateLimit;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.platform.Languages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Public pages: the home page and "Check case status", with no sign-in. */
@Controller
class PortalController {

    private static final Logger log = LoggerFactory.getLogger(PortalController.class);
    private static final int MAX_INPUT = 100;

    private final CaseStatusService cases;
    private final CaseStatusRateLimit rateLimit;
    private final MessageSource messages;

    PortalController(CaseStatusService cases, CaseStatusRateLimit rateLimit, MessageSource messages) {
        this.cases = cases;
        this.rateLimit = rateLimit;
        this.messages = messages;
    }

    @GetMapping("/")
    String home() {
        return "home";
    }

    @GetMapping("/check-case-status")
    String checkStatus(@RequestParam(name = "receipt", required = false) String receipt, Locale locale,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("receipt", receipt == null ? "" : abbreviate(receipt));
        if (receipt == null) {
            return "check-case-status";
        }
        ReceiptNumber number;
        try {
            number = cases.parseReceipt(receipt.length() > MAX_INPUT ? receipt.substring(0, MAX_INPUT + 1) : receipt);
        } catch (InvalidReceiptNumberException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("inputError", e.describe(messages, locale));
            return "check-case-status";
        }
        var decision = rateLimit.visitor(request.getRemoteAddr());
        if (!decision.allowed()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            model.addAttribute("lookupError", messages.getMessage("status.toomany",
                    new Object[] {decision.retryAfterSeconds()}, locale));
            return "check-case-status";
        }
        Optional<CaseStatusView> found;
        try {
            found = cases.findStatus(number);
        } catch (DataAccessException | TransactionException e) {
            log.warn("Case status page: database unavailable ({})", e.getClass().getSimpleName());
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("lookupError", messages.getMessage("status.unavailable", null, locale));
            return "check-case-status";
        }
        model.addAttribute("receipt", number.value());
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("lookupError", messages.getMessage("status.notfound", new Object[] {number.value()}, locale));
            return "check-case-status";
        }
        CaseStatusView view = found.get();
        model.addAttribute("view", view);
        model.addAttribute("statusTitle", view.title(locale));
        model.addAttribute("description", view.description(locale));
        model.addAttribute("statusDate", Languages.longDate(view.statusDate(), locale));
        model.addAttribute("receivedDate", Languages.longDate(view.receivedDate(), locale));
        model.addAttribute("history", view.history().reversed().stream()
                .map(h -> new HistoryRow(Languages.longDate(view.dateOf(h), locale), h.status().title().in(locale)))
                .toList());
        view.processingTime().ifPresent(p -> model.addAttribute("processing", messages.getMessage("status.processing.text",
                new Object[] {view.form().number(), view.office().name().in(locale), Languages.months(p.months(), locale),
                        Languages.longDate(p.publishedOn(), locale)}, locale)));
        return "check-case-status";
    }

    record HistoryRow(String date, String status) {
    }

    private static String abbreviate(String input) {
        return input.length() > MAX_INPUT ? input.substring(0, MAX_INPUT) : input;
    }
}
