package org.caseline.servicerequests.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.accounts.Applicants;
import org.caseline.cases.CaseIdentities;
import org.caseline.cases.CaseStatusRateLimit;
import org.caseline.platform.Languages;
import org.caseline.servicerequests.Channel;
import org.caseline.servicerequests.RequestTypes;
import org.caseline.servicerequests.ServiceReference;
import org.caseline.servicerequests.ServiceRequest;
import org.caseline.servicerequests.ServiceRequestRefused;
import org.caseline.servicerequests.ServiceRequests;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public pages: asking for help with a case without an account (the type, the case and who
 * the applicant is, the type's fields, how to answer), and seeing a request's status by its
 * reference with the email or ZIP code given. Both are rate-limited like the case status page; a
 * case that does not exist and an applicant who does not match get the same answer.
 */
@Controller
class ServiceRequestPages {

    /** A field as the form shows it: its input and, after a refusal, what was typed and what is wrong. */
    record Input(String name, String kind, boolean required, String label, List<String[]> choices, String value, String error) {
        public String id() {
            return "field-" + name;
        }
    }

    /** A request on the account holder's case, as their list shows it. */
    record Existing(String reference, String type, String status, String answer) {
    }

    private final ServiceRequests requests;
    private final CaseStatusRateLimit rateLimit;
    private final MessageSource messages;
    private final Applicants applicants;

    ServiceRequestPages(ServiceRequests requests, CaseStatusRateLimit rateLimit, MessageSource messages, Applicants applicants) {
        this.applicants = applicants;
        this.requests = requests;
        this.rateLimit = rateLimit;
        this.messages = messages;
    }

    @GetMapping("/service-requests")
    String start(@RequestParam(required = false) String type, Locale locale, Model model, HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        List<RequestTypes.RequestType> open = publicTypes();
        if (type == null || type.isBlank()) {
            model.addAttribute("types", open.stream().map(t -> new String[] {t.code(), t.name().in(language)}).toList());
            return "service-request";
        }
        Optional<RequestTypes.RequestType> chosen = open.stream().filter(t -> t.code().equals(type)).findFirst();
        if (chosen.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("types", open.stream().map(t -> new String[] {t.code(), t.name().in(language)}).toList());
            model.addAttribute("typeError", messages.getMessage("srpage.error.type", null, language));
            return "service-request";
        }
        form(chosen.get(), new HashMap<>(), new HashMap<>(), language, model);
        return "service-request";
    }

    @PostMapping("/service-requests")
    String file(@RequestParam MultiValueMap<String, String> posted, Locale locale, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        String type = posted.getFirst("type");
        RequestTypes.RequestType chosen = publicTypes().stream().filter(t -> t.code().equals(type)).findFirst().orElse(null);
        if (chosen == null) {
            return start(type == null ? "-" : type, locale, model, response);
        }
        Map<String, String> typed = typed(posted);
        var decision = rateLimit.visitor(request.getRemoteAddr());
        if (!decision.allowed()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            form(chosen, typed, Map.of("form", messages.getMessage("status.toomany", new Object[] {decision.retryAfterSeconds()}, language)),
                    language, model);
            return "service-request";
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate birth = null;
        try {
            birth = LocalDate.parse(typed.getOrDefault("dateOfBirth", ""));
        } catch (DateTimeParseException e) {
            errors.put("dateOfBirth", messages.getMessage("srpage.error.birth", null, language));
        }
        String zip = typed.getOrDefault("postalCode", "").strip();
        if (!zip.matches("[0-9]{5}")) {
            errors.put("postalCode", messages.getMessage("srpage.error.zip", null, language));
        }
        Map<String, String> fields = fields(chosen, typed);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            form(chosen, typed, errors, language, model);
            return "service-request";
        }
        String name = typed.getOrDefault("name", "").strip();
        try {
            ServiceRequests.Filed filed = requests.file(new ServiceRequests.Filing(chosen.code(), typed.get("receiptNumber"), fields,
                    new ServiceRequest.Requester(name, blankToNull(typed.get("email")), blankToNull(typed.get("phone")), zip,
                            language.getLanguage()),
                    Channel.PUBLIC, null, null, new CaseIdentities.Identity(name, birth, zip)));
            model.addAttribute("filed", filed);
            model.addAttribute("typeName", chosen.name().in(language));
            model.addAttribute("due", Languages.longDate(filed.dueDate(), language));
            return "service-request";
        } catch (ServiceRequestRefused e) {
            response.setStatus(e.why() == ServiceRequestRefused.Why.FORBIDDEN ? HttpStatus.FORBIDDEN.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
            errors.putAll(errorsOf(e));
            form(chosen, typed, errors, language, model);
            return "service-request";
        }
    }

    /**
     * An account holder's requests on one of their linked cases, and the form to file one from the
     * account (channel ACCOUNT): no identity to give, the answer comes to the account's address.
     */
    @GetMapping("/account/cases/{receipt}/service-requests")
    String accountCase(@PathVariable String receipt, @RequestParam(required = false) String type, Authentication who, Locale locale,
                       Model model, HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        Optional<Applicants.LinkedCase> linked = applicants.linked(UUID.fromString(who.getName()), receipt);
        if (linked.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notLinked", clip(receipt));
            return "service-request";
        }
        accountCase(linked.get().receiptNumber(), language, model);
        List<RequestTypes.RequestType> open = types(Channel.ACCOUNT);
        Optional<RequestTypes.RequestType> chosen = open.stream().filter(t -> t.code().equals(type)).findFirst();
        if (chosen.isEmpty()) {
            if (type != null && !type.isBlank()) {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("typeError", messages.getMessage("srpage.error.type", null, language));
            }
            model.addAttribute("types", open.stream().map(t -> new String[] {t.code(), t.name().in(language)}).toList());
            return "service-request";
        }
        form(chosen.get(), new HashMap<>(), new HashMap<>(), language, model);
        return "service-request";
    }

    @PostMapping("/account/cases/{receipt}/service-requests")
    String fileFromAccount(@PathVariable String receipt, @RequestParam MultiValueMap<String, String> posted, Authentication who,
                           Locale locale, Model model, HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        UUID id = UUID.fromString(who.getName());
        Optional<Applicants.LinkedCase> linked = applicants.linked(id, receipt);
        String type = posted.getFirst("type");
        RequestTypes.RequestType chosen = types(Channel.ACCOUNT).stream().filter(t -> t.code().equals(type)).findFirst().orElse(null);
        if (linked.isEmpty() || chosen == null) {
            return accountCase(receipt, type == null ? "-" : type, who, locale, model, response);
        }
        Map<String, String> typed = typed(posted);
        Applicants.Account account = applicants.account(id).orElseThrow();
        try {
            ServiceRequests.Filed filed = requests.file(new ServiceRequests.Filing(chosen.code(), linked.get().receiptNumber(),
                    fields(chosen, typed), new ServiceRequest.Requester(account.email(), account.email(), null, null, account.language()),
                    Channel.ACCOUNT, "account:" + id, null, null));
            model.addAttribute("filed", filed);
            model.addAttribute("typeName", chosen.name().in(language));
            model.addAttribute("due", Languages.longDate(filed.dueDate(), language));
            accountCase(linked.get().receiptNumber(), language, model);
            return "service-request";
        } catch (ServiceRequestRefused e) {
            accountCase(linked.get().receiptNumber(), language, model);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            form(chosen, typed, errorsOf(e), language, model);
            return "service-request";
        }
    }

    private void accountCase(String receipt, Locale language, Model model) {
        model.addAttribute("accountReceipt", receipt);
        model.addAttribute("existing", requests.forCase(receipt).stream().map(r -> new Existing(r.reference().value(),
                typeName(r.type(), language), messages.getMessage("srstatus.status." + r.status(),
                        new Object[] {Languages.longDate(r.dueDate(), language)}, language), r.answer())).toList());
    }

    private String typeName(String code, Locale language) {
        return requests.types().stream().filter(t -> t.code().equals(code)).findFirst().map(t -> t.name().in(language)).orElse(code);
    }

    @GetMapping("/service-requests/status")
    String status(@RequestParam(required = false) String reference, @RequestParam(required = false) String proof, Locale locale,
                  Model model, HttpServletRequest request, HttpServletResponse response) {
        Locale language = Languages.supported(locale);
        model.addAttribute("reference", reference == null ? "" : clip(reference));
        model.addAttribute("proof", proof == null ? "" : clip(proof));
        if (reference == null || proof == null) {
            return "service-request-status";
        }
        ServiceReference ref;
        try {
            ref = ServiceReference.parse(reference);
        } catch (ServiceReference.Malformed e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("referenceError", messages.getMessage("srpage.error.reference", null, language));
            return "service-request-status";
        }
        var decision = rateLimit.visitor(request.getRemoteAddr());
        if (!decision.allowed()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            model.addAttribute("lookupError", messages.getMessage("status.toomany", new Object[] {decision.retryAfterSeconds()}, language));
            return "service-request-status";
        }
        Optional<ServiceRequest> found = requests.forRequester(ref, proof);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("lookupError", messages.getMessage("srpage.status.notfound", null, language));
            return "service-request-status";
        }
        ServiceRequest r = found.get();
        model.addAttribute("found", r);
        model.addAttribute("typeName", requests.types().stream().filter(t -> t.code().equals(r.type())).findFirst()
                .map(t -> t.name().in(language)).orElse(r.type()));
        model.addAttribute("due", Languages.longDate(r.dueDate(), language));
        model.addAttribute("question", r.status() == ServiceRequest.Status.WAITING ? r.history().reversed().stream()
                .filter(s -> s.action().equals("information-requested")).map(ServiceRequest.Step::detail).findFirst().orElse(null) : null);
        return "service-request-status";
    }

    private void form(RequestTypes.RequestType type, Map<String, String> typed, Map<String, String> errors, Locale language, Model model) {
        model.addAttribute("type", type.code());
        model.addAttribute("typeName", type.name().in(language));
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("inputs", type.fields().stream().map(f -> new Input(f.name(), f.kind().name().toLowerCase(Locale.ROOT),
                f.required(), f.label().in(language), f.choices().stream().map(c -> new String[] {c.value(), c.label().in(language)}).toList(),
                typed.getOrDefault("f." + f.name(), ""), errors.get("f." + f.name()))).toList());
    }

    /** Each problem of a refusal at its input; one about the case (not matched, not eligible) at the top of the form. */
    private static Map<String, String> errorsOf(ServiceRequestRefused e) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean aboutTheCase = e.code().equals("not-matched") || e.code().equals("not-eligible");
        for (ServiceRequestRefused.Problem p : e.problems()) {
            errors.putIfAbsent(aboutTheCase ? "form" : inputFor(p.field()), p.message());
        }
        if (errors.isEmpty()) {
            errors.put("form", e.getMessage());
        }
        return errors;
    }

    /** Where on the form a problem the service names belongs. */
    private static String inputFor(String field) {
        return switch (field) {
            case "receiptNumber" -> "receiptNumber";
            case "requester.email", "requester.phone" -> "email";
            case "requester.name" -> "name";
            case "requester", "requester.language", "type" -> "form";
            default -> "f." + field;
        };
    }

    private List<RequestTypes.RequestType> publicTypes() {
        return types(Channel.PUBLIC);
    }

    private List<RequestTypes.RequestType> types(Channel channel) {
        return requests.types().stream().filter(t -> t.channels().contains(channel)).toList();
    }

    /** What the form posted, each value cut to 5,000 characters. */
    private static Map<String, String> typed(MultiValueMap<String, String> posted) {
        Map<String, String> typed = new LinkedHashMap<>();
        posted.forEach((k, v) -> typed.put(k, v.isEmpty() ? "" : v.getFirst().length() > 5000 ? v.getFirst().substring(0, 5000) : v.getFirst()));
        return typed;
    }

    /** The type's fields that were filled in ({@code f.<name>} on the form). */
    private static Map<String, String> fields(RequestTypes.RequestType type, Map<String, String> typed) {
        Map<String, String> fields = new HashMap<>();
        for (RequestTypes.Field f : type.fields()) {
            String value = typed.getOrDefault("f." + f.name(), "").strip();
            if (!value.isEmpty()) {
                fields.put(f.name(), value);
            }
        }
        return fields;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
