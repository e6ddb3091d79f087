package org.caseline.servicerequests.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.StaffAccounts;
import org.caseline.cases.Catalogue;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.platform.Languages;
import org.caseline.servicerequests.AnswerTemplates;
import org.caseline.servicerequests.RequestTypes;
import org.caseline.servicerequests.ServiceReference;
import org.caseline.servicerequests.ServiceRequest;
import org.caseline.servicerequests.ServiceRequestRefused;
import org.caseline.servicerequests.ServiceRequests;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An office's work list ({@code /staff/office}): its requests soonest due first, overdue ones
 * flagged; and one request with what was asked, its history, and the steps: claim, note, ask the
 * requester for information, information received, answer with an outcome, refer to another office.
 * Office staff see their own office; supervisors and administrators choose one.
 */
@Controller
class OfficeWorkPage {

    /** A request in the list, as the page shows it. */
    record Row(String reference, String type, String receiptNumber, String dueDate, boolean overdue, String claimedBy,
               String channel) {
    }

    private final ServiceRequests requests;
    private final StaffAccounts staff;
    private final StaffCaseReads caseReads;
    private final Catalogue catalogue;
    private final MessageSource messages;
    private final AnswerTemplates templates;

    OfficeWorkPage(ServiceRequests requests, StaffAccounts staff, StaffCaseReads caseReads, Catalogue catalogue, MessageSource messages,
                   AnswerTemplates templates) {
        this.templates = templates;
        this.requests = requests;
        this.staff = staff;
        this.caseReads = caseReads;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    @GetMapping("/staff/office")
    String list(@RequestParam(required = false) String office, @RequestParam(defaultValue = "OPEN") String status,
                Authentication who, Locale locale, Model model) {
        String shown = officeFor(who, office);
        ServiceRequest.Status wanted = switch (status.toUpperCase(Locale.ROOT)) {
            case "WAITING" -> ServiceRequest.Status.WAITING;
            case "CLOSED" -> ServiceRequest.Status.CLOSED;
            default -> ServiceRequest.Status.OPEN;
        };
        Locale language = Languages.supported(locale);
        var today = requests.today(shown);
        List<Row> rows = requests.workList(shown, wanted, 100, 0).stream()
                .map(r -> new Row(r.reference().value(), typeName(r.type(), language), r.receiptNumber(),
                        Languages.longDate(r.dueDate(), language), r.overdue(today), r.claimedBy(), r.channel().name()))
                .toList();
        model.addAttribute("office", shown);
        model.addAttribute("officeName", catalogue.office(shown).map(o -> o.name().in(language)).orElse(shown));
        model.addAttribute("status", wanted.name());
        model.addAttribute("rows", rows);
        model.addAttribute("chooseOffice", staff.officeOf(who.getName()).isEmpty());
        model.addAttribute("offices", catalogue.offices().stream().map(o -> new String[] {o.code(), o.name().in(language)}).toList());
        return "staff-office";
    }

    @GetMapping("/staff/office/requests/{reference}")
    String one(@PathVariable String reference, Authentication who, Locale locale, Model model, HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        ServiceRequest r;
        try {
            r = requests.find(ServiceReference.parse(reference)).filter(found -> mayWork(who, found.office())).orElse(null);
        } catch (ServiceReference.Malformed e) {
            r = null;
        }
        if (r == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("missing", reference);
            return "staff-office-request";
        }
        ServiceRequest request = r;
        RequestTypes.RequestType type = requests.types().stream().filter(t -> t.code().equals(request.type())).findFirst().orElseThrow();
        model.addAttribute("request", request);
        model.addAttribute("typeName", type.name().in(language));
        model.addAttribute("fields", type.fields().stream().filter(f -> request.fields().containsKey(f.name()))
                .map(f -> new String[] {f.label().in(language), shownValue(f, request.fields().get(f.name()), language)}).toList());
        model.addAttribute("due", Languages.longDate(request.dueDate(), language));
        model.addAttribute("overdue", request.overdue(requests.today(request.office())));
        // the case behind it: a staff read, audited
        caseReads.publicStatus(new ReceiptNumber(request.receiptNumber()), who.getName(), "service request " + request.reference())
                .ifPresent(view -> model.addAttribute("caseStatus", view.form().number() + " · " + view.title(language)));
        model.addAttribute("offices", catalogue.offices().stream().filter(o -> !o.code().equals(request.office()))
                .map(o -> new String[] {o.code(), o.name().in(language)}).toList());
        model.addAttribute("outcomes", ServiceRequest.Outcome.values());
        model.addAttribute("template", templates.forAnswer(request.office(), request.type(),
                Locale.forLanguageTag(request.requester().language())));
        java.time.ZoneId zone = java.time.ZoneId.of("America/New_York");
        var format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        model.addAttribute("history", request.history().stream()
                .map(s -> new String[] {s.at().atZone(zone).format(format), s.actor(), s.action(), s.detail()}).toList());
        return "staff-office-request";
    }

    @PostMapping("/staff/office/requests/{reference}/{step}")
    String step(@PathVariable String reference, @PathVariable String step, @RequestParam(required = false) String text,
                @RequestParam(required = false) String outcome, @RequestParam(required = false) String office,
                Authentication who, Locale locale, RedirectAttributes redirect) {
        ServiceReference ref = ServiceReference.parse(reference);
        ServiceRequests.Worker worker = new ServiceRequests.Worker(who.getName(), staff.officeOf(who.getName()).orElse(null));
        try {
            switch (step) {
                case "claim" -> requests.claim(ref, worker);
                case "note" -> requests.note(ref, worker, text);
                case "ask" -> requests.askForInformation(ref, worker, text);
                case "received" -> requests.informationReceived(ref, worker, text);
                case "answer" -> requests.answer(ref, worker, text, outcome == null || outcome.isBlank() ? null
                        : ServiceRequest.Outcome.valueOf(outcome));
                case "refer" -> {
                    requests.refer(ref, worker, office);
                    redirect.addFlashAttribute("done", messages.getMessage("office.done.refer", new Object[] {office}, Languages.supported(locale)));
                    return "redirect:/staff/office";
                }
                default -> throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "step", "No such step: " + step);
            }
            redirect.addFlashAttribute("done", messages.getMessage("office.done." + step, null, Languages.supported(locale)));
        } catch (ServiceRequestRefused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/staff/office/requests/" + ref.value();
    }

    /** The office's own answer templates, one per type and language, each saved on its own. */
    @GetMapping("/staff/office/templates")
    String templates(@RequestParam(required = false) String office, Authentication who, Locale locale, Model model) {
        String shown = officeFor(who, office);
        Locale language = Languages.supported(locale);
        model.addAttribute("office", shown);
        model.addAttribute("officeName", catalogue.office(shown).map(o -> o.name().in(language)).orElse(shown));
        var all = templates.all(shown);
        model.addAttribute("rows", requests.types().stream().flatMap(t -> java.util.stream.Stream.of("en", "es")
                .map(l -> new String[] {t.code(), l, t.name().in(language) + " (" + l + ")", all.get(t.code()).get(l)})).toList());
        return "staff-office-templates";
    }

    @PostMapping("/staff/office/templates")
    String saveTemplate(@RequestParam(required = false) String office, @RequestParam String type, @RequestParam String language,
                        @RequestParam(required = false) String text, Authentication who, Locale locale, RedirectAttributes redirect) {
        String shown = officeFor(who, office);
        try {
            templates.set(shown, type, language, text, who.getName());
            redirect.addFlashAttribute("done", messages.getMessage("office.templates.saved", null, Languages.supported(locale)));
        } catch (ServiceRequestRefused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/staff/office/templates?office=" + shown;
    }

    private String officeFor(Authentication who, String asked) {
        return staff.officeOf(who.getName())
                .orElse(asked == null || asked.isBlank() ? catalogue.offices().getFirst().code() : asked.toUpperCase(Locale.ROOT));
    }

    private boolean mayWork(Authentication who, String office) {
        return staff.officeOf(who.getName()).map(office::equals).orElse(true);
    }

    private String typeName(String code, Locale language) {
        return requests.types().stream().filter(t -> t.code().equals(code)).findFirst().map(t -> t.name().in(language)).orElse(code);
    }

    private static String shownValue(RequestTypes.Field field, String value, Locale language) {
        return field.choices().stream().filter(c -> c.value().equals(value)).findFirst().map(c -> c.label().in(language)).orElse(value);
    }
}
