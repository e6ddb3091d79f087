package org.caseline.servicerequests.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.accounts.Role;
import org.caseline.accounts.StaffAccounts;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.platform.Languages;
import org.caseline.servicerequests.Channel;
import org.caseline.servicerequests.RequestTypes;
import org.caseline.servicerequests.ServiceReference;
import org.caseline.servicerequests.ServiceRequest;
import org.caseline.servicerequests.ServiceRequestRefused;
import org.caseline.servicerequests.ServiceRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service requests over HTTP: the types; filing by agents; a request with its history for staff;
 * an office's work list and the steps on a request, for the office that holds it and supervisors;
 * and the requester's own view, by reference and email or postal code.
 */
@RestController
class ServiceRequestsApi {

    record Filing(String type, String receiptNumber, Map<String, String> fields, ServiceRequest.Requester requester,
                  String interaction) {
    }

    record Answer(String text, String outcome) {
    }

    record Referral(String office) {
    }

    record Text(String text) {
    }

    private final ServiceRequests requests;
    private final StaffAccounts staff;
    private final StaffCaseReads caseReads;

    ServiceRequestsApi(ServiceRequests requests, StaffAccounts staff, StaffCaseReads caseReads) {
        this.requests = requests;
        this.staff = staff;
        this.caseReads = caseReads;
    }

    @GetMapping("/api/service-requests/types")
    List<Map<String, Object>> types(@RequestParam(required = false) String lang, HttpServletRequest request) {
        Locale in = language(lang, request);
        return requests.types().stream().map(t -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("code", t.code());
            o.put("name", t.name().in(in));
            o.put("channels", t.channels().stream().map(Enum::name).sorted().toList());
            o.put("office", t.office());
            o.put("targetBusinessDays", t.targetDays());
            o.put("fields", t.fields().stream().map(f -> field(f, in)).toList());
            o.put("rules", t.rules().stream().map(RequestTypes.Rule::rule).toList());
            return o;
        }).toList();
    }

    @PostMapping("/api/service-requests")
    ResponseEntity<Map<String, Object>> file(@RequestBody(required = false) Filing body, Authentication who) {
        if (body == null) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "body", "The request needs a JSON body.");
        }
        Channel channel = has(who, Role.TIER2) ? Channel.TIER2 : Channel.TIER1;
        var filed = requests.file(new ServiceRequests.Filing(body.type(), body.receiptNumber(), body.fields(), body.requester(),
                channel, who.getName(), body.interaction(), null));
        return RequestErrors.filed(filed);
    }

    /** Every office's open, waiting, due-soon and overdue requests, for supervisors and the wallboard. */
    @GetMapping("/api/service-requests/figures")
    Map<String, Object> figures(@RequestParam(defaultValue = "2") int warningDays) {
        if (warningDays < 0 || warningDays > 30) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "warningDays", "warningDays must be 0 to 30");
        }
        return Map.of("warningDays", warningDays, "offices", requests.figures(warningDays));
    }

    /** The requests approaching or past due, across offices, soonest first (supervisors). */
    @GetMapping("/api/service-requests/due")
    Map<String, Object> due(@RequestParam(defaultValue = "2") int withinDays, Authentication who) {
        if (!(has(who, Role.SUPERVISOR) || has(who, Role.ADMIN))) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.FORBIDDEN, "supervisors", "The list across offices is for supervisors.");
        }
        if (withinDays < 0 || withinDays > 30) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "withinDays", "withinDays must be 0 to 30");
        }
        return Map.of("withinDays", withinDays, "requests", requests.dueSoon(withinDays, 200).stream().map(r -> {
            Map<String, Object> o = summary(r);
            o.put("overdue", r.overdue(requests.today(r.office())));
            return o;
        }).toList());
    }

    /** What filing would say, without filing: the desk shows it before the agent files. */
    @PostMapping("/api/service-requests/check")
    Map<String, Object> check(@RequestBody(required = false) Filing body, Authentication who) {
        if (body == null) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "body", "The request needs a JSON body.");
        }
        Channel channel = has(who, Role.TIER2) ? Channel.TIER2 : Channel.TIER1;
        var open = requests.check(new ServiceRequests.Filing(body.type(), body.receiptNumber(), body.fields(), body.requester(),
                channel, who.getName(), body.interaction(), null));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eligible", true);
        answer.put("openRequest", open.map(f -> f.reference().value()).orElse(null));
        return answer;
    }

    @GetMapping("/api/service-requests/{reference}")
    Map<String, Object> one(@PathVariable String reference, Authentication who) {
        ServiceReference ref = ServiceReference.parse(reference);
        ServiceRequest r = requests.find(ref).filter(found -> mayWork(who, found.office()))
                .orElseThrow(() -> new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND, "no-request",
                        "There is no service request " + ref + "."));
        Map<String, Object> o = staffView(r);
        // the case behind it, as staff read it: audited like every staff read of a case
        caseReads.publicStatus(new ReceiptNumber(r.receiptNumber()), who.getName(), "service request " + ref)
                .ifPresent(view -> o.put("case", Map.of("form", view.form().number(), "status", view.status().code(),
                        "receivedDate", view.receivedDate().toString())));
        return o;
    }

    @GetMapping("/api/offices/{code}/service-requests")
    Map<String, Object> workList(@PathVariable String code, @RequestParam(defaultValue = "OPEN") String status,
                                 @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset,
                                 Authentication who) {
        String office = code.toUpperCase(Locale.ROOT);
        if (!mayWork(who, office)) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.FORBIDDEN, "other-office",
                    "You work for another office: only its own requests are listed to you.");
        }
        ServiceRequest.Status wanted = parse(ServiceRequest.Status.class, status, "status must be OPEN, WAITING or CLOSED");
        if (limit < 1 || limit > 200 || offset < 0) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "page", "limit must be 1 to 200, offset 0 or more");
        }
        LocalDate today = requests.today(office);
        return Map.of("office", office, "status", wanted.name(), "requests",
                requests.workList(office, wanted, limit, offset).stream().map(r -> {
                    Map<String, Object> o = summary(r);
                    o.put("overdue", r.overdue(today));
                    return o;
                }).toList());
    }

    @PostMapping("/api/service-requests/{reference}/claim")
    Map<String, Object> claim(@PathVariable String reference, Authentication who) {
        return staffView(requests.claim(ServiceReference.parse(reference), worker(who)));
    }

    @PostMapping("/api/service-requests/{reference}/notes")
    Map<String, Object> note(@PathVariable String reference, @RequestBody(required = false) Text body, Authentication who) {
        return staffView(requests.note(ServiceReference.parse(reference), worker(who), body == null ? null : body.text()));
    }

    @PostMapping("/api/service-requests/{reference}/information-request")
    Map<String, Object> ask(@PathVariable String reference, @RequestBody(required = false) Text body, Authentication who) {
        return staffView(requests.askForInformation(ServiceReference.parse(reference), worker(who), body == null ? null : body.text()));
    }

    @PostMapping("/api/service-requests/{reference}/information")
    Map<String, Object> received(@PathVariable String reference, @RequestBody(required = false) Text body, Authentication who) {
        return staffView(requests.informationReceived(ServiceReference.parse(reference), worker(who), body == null ? null : body.text()));
    }

    @PostMapping("/api/service-requests/{reference}/answer")
    Map<String, Object> answer(@PathVariable String reference, @RequestBody(required = false) Answer body, Authentication who) {
        ServiceRequest.Outcome outcome = body == null || body.outcome() == null ? null
                : parse(ServiceRequest.Outcome.class, body.outcome(), "outcome must be RESOLVED, ACTION_TAKEN or NO_ACTION_NEEDED");
        return staffView(requests.answer(ServiceReference.parse(reference), worker(who), body == null ? null : body.text(), outcome));
    }

    @PostMapping("/api/service-requests/{reference}/refer")
    Map<String, Object> refer(@PathVariable String reference, @RequestBody(required = false) Referral body, Authentication who) {
        return staffView(requests.refer(ServiceReference.parse(reference), worker(who), body == null ? null : body.office()));
    }

    /** The requester's own view: what they asked, where it stands, the answer; nothing about the case. */
    @GetMapping("/api/service-requests/{reference}/status")
    Map<String, Object> status(@PathVariable String reference, @RequestParam(required = false) String email,
                               @RequestParam(required = false) String postalCode, @RequestParam(required = false) String lang,
                               HttpServletRequest request) {
        ServiceReference ref = ServiceReference.parse(reference);
        ServiceRequest r = requests.forRequester(ref, email != null ? email : postalCode)
                .orElseThrow(() -> new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND, "not-matched",
                        "No service request has this reference with that email address or postal code."));
        Locale in = language(lang, request);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("reference", r.reference().value());
        o.put("type", requests.types().stream().filter(t -> t.code().equals(r.type())).findFirst().map(t -> t.name().in(in)).orElse(r.type()));
        o.put("status", r.status().name());
        o.put("dueDate", r.dueDate().toString());
        o.put("filedAt", r.filedAt().toString());
        o.put("question", r.status() == ServiceRequest.Status.WAITING ? lastDetail(r, "information-requested") : null);
        o.put("answer", r.answer());
        o.put("outcome", r.outcome() == null ? null : r.outcome().name());
        return o;
    }

    private static String lastDetail(ServiceRequest r, String action) {
        return r.history().reversed().stream().filter(s -> s.action().equals(action)).map(ServiceRequest.Step::detail).findFirst().orElse(null);
    }

    private Map<String, Object> staffView(ServiceRequest r) {
        Map<String, Object> o = summary(r);
        o.put("fields", r.fields());
        o.put("requester", r.requester());
        o.put("interaction", r.interactionId());
        o.put("filedBy", r.filedBy());
        o.put("answer", r.answer());
        o.put("outcome", r.outcome() == null ? null : r.outcome().name());
        o.put("closedAt", r.closedAt() == null ? null : r.closedAt().toString());
        o.put("history", r.history());
        return o;
    }

    private static Map<String, Object> summary(ServiceRequest r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("reference", r.reference().value());
        o.put("type", r.type());
        o.put("receiptNumber", r.receiptNumber());
        o.put("office", r.office());
        o.put("channel", r.channel().name());
        o.put("status", r.status().name());
        o.put("dueDate", r.dueDate().toString());
        o.put("filedAt", r.filedAt().toString());
        o.put("claimedBy", r.claimedBy());
        return o;
    }

    private static Map<String, Object> field(RequestTypes.Field f, Locale in) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", f.name());
        o.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        o.put("required", f.required());
        o.put("label", f.label().in(in));
        if (!f.choices().isEmpty()) {
            o.put("choices", f.choices().stream().map(c -> Map.of("value", c.value(), "label", c.label().in(in))).toList());
        }
        return o;
    }

    private ServiceRequests.Worker worker(Authentication who) {
        if (has(who, Role.SUPERVISOR) || has(who, Role.ADMIN)) {
            return new ServiceRequests.Worker(who.getName(), null);
        }
        if (has(who, Role.OFFICE)) {
            return new ServiceRequests.Worker(who.getName(), staff.officeOf(who.getName()).orElse("-"));
        }
        throw new ServiceRequestRefused(ServiceRequestRefused.Why.FORBIDDEN, "not-office",
                "Only the staff of the office that holds a request, and supervisors, work on it.");
    }

    /** Agents and supervisors read any request (to tell a caller where it stands); an office reads its own. */
    private boolean mayWork(Authentication who, String office) {
        if (has(who, Role.SUPERVISOR) || has(who, Role.ADMIN) || has(who, Role.TIER1) || has(who, Role.TIER2)) {
            return true;
        }
        return has(who, Role.OFFICE) && staff.officeOf(who.getName()).map(office::equals).orElse(false);
    }

    private static boolean has(Authentication who, Role role) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String message) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "value", message);
        }
    }

    private static Locale language(String lang, HttpServletRequest request) {
        return Languages.supported(lang != null ? Locale.forLanguageTag(lang) : request.getLocale());
    }
}
