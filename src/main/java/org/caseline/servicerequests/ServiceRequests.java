package org.caseline.servicerequests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.caseline.cases.CaseIdentities;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.CaseStatusView;
import org.caseline.cases.Catalogue;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.Office;
import org.caseline.messaging.Mail;
import org.caseline.platform.FederalHolidays;
import org.caseline.platform.Languages;
import org.caseline.platform.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filing and working service requests, whatever the channel. Filing checks the type, the fields,
 * who may file it and its eligibility against the case, then writes the request to the office that
 * holds the case with a due date in that office's business days; an open request of the same type
 * on the same case is returned instead of a second one. Working a request (claim, note, ask for
 * information, answer, refer) is for the staff of the office that holds it, or supervisors.
 */
@Service
public class ServiceRequests {

    private static final Logger log = LoggerFactory.getLogger(ServiceRequests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as it arrives from a channel. */
    public record Filing(String type, String receiptNumber, Map<String, String> fields, ServiceRequest.Requester requester,
                         Channel channel, String filedBy, String interactionId, CaseIdentities.Identity identity) {
    }

    /** What the requester is told: the reference, the office and when to expect an answer; whether it was there already. */
    public record Filed(ServiceReference reference, String office, LocalDate dueDate, ServiceRequest.Status status, boolean duplicate) {
    }

    /** Who works a request: a member of an office's staff ({@code office} set) or of the whole agency (null). */
    public record Worker(String username, String office) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RequestTypes types;
    private final Eligibility eligibility;
    private final CaseStatusService cases;
    private final CaseIdentities identities;
    private final Catalogue catalogue;
    private final DirectoryData directory;
    private final RequestMails mails;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final int referenceDigits;

    ServiceRequests(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RequestTypes types, Eligibility eligibility,
                    CaseStatusService cases, CaseIdentities identities, Catalogue catalogue, DirectoryData directory,
                    RequestMails mails, ApplicationEventPublisher events, MessageSource messages,
                    @Value("${caseline.service-requests.reference-digits:8}") int referenceDigits) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.types = types;
        this.eligibility = eligibility;
        this.cases = cases;
        this.identities = identities;
        this.catalogue = catalogue;
        this.directory = directory;
        this.mails = mails;
        this.events = events;
        this.messages = messages;
        this.referenceDigits = referenceDigits;
    }

    public List<RequestTypes.RequestType> types() {
        return types.all();
    }

    /** A request checked and ready to be written, or the open one it duplicates. */
    private record Prepared(RequestTypes.RequestType type, ReceiptNumber receipt, Map<String, String> fields,
                            ServiceRequest.Requester requester, String office, LocalDate due, Locale language, Filed duplicateOf) {
    }

    /**
     * Everything filing would check (type, fields, requester, the case, the rules), without filing:
     * what the agent sees before pressing "file". Returns the open request it would duplicate, if any.
     *
     * @throws ServiceRequestRefused as {@link #file} would
     */
    public Optional<Filed> check(Filing filing) {
        return Optional.ofNullable(prepare(filing).duplicateOf());
    }

    /** Files a request, or finds the open one of its type on the case. */
    public Filed file(Filing filing) {
        Prepared ready = prepare(filing);
        if (ready.duplicateOf() != null) {
            return ready.duplicateOf();
        }
        RequestTypes.RequestType type = ready.type();
        Map<String, String> fields = ready.fields();
        ServiceRequest.Requester requester = ready.requester();
        String office = ready.office();
        LocalDate due = ready.due();
        Locale language = ready.language();
        Instant now = clock.instant();
        ReceiptNumber theReceipt = ready.receipt();
        return tx.execute(status -> {
            for (int attempt = 0; ; attempt++) {
                ServiceReference reference = ServiceReference.random(referenceDigits);
                int inserted = jdbc.sql("""
                                insert into service_request (reference, type, receipt_number, office_code, channel, status, fields,
                                    requester_name, requester_email, requester_phone, requester_postal, language, interaction_id,
                                    filed_by, filed_at, due_date)
                                values (?, ?, ?, ?, ?, 'OPEN', ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(reference.value(), type.code(), theReceipt.value(), office, filing.channel().name(),
                                JSON.writeValueAsString(fields), requester.name(), requester.email(), requester.phone(),
                                requester.postalCode(), language.getLanguage(), filing.interactionId(), filing.filedBy(),
                                Timestamp.from(now), due)
                        .update();
                if (inserted == 1) {
                    step(reference, filing.filedBy() == null ? "requester" : filing.filedBy(), "filed", filing.channel().name());
                    if (requester.email() != null) {
                        mails.filed(requester.email(), language, reference, type, due);
                    }
                    events.publishEvent(new ServiceRequestFiled(reference.value(), type.code(), theReceipt.value(), office,
                            filing.channel(), due));
                    log.info("Service request {} ({}) filed for case {} to {}", reference, type.code(), theReceipt.masked(), office);
                    return new Filed(reference, office, due, ServiceRequest.Status.OPEN, false);
                }
                Optional<Filed> raced = openOf(theReceipt, type.code());
                if (raced.isPresent()) {
                    return raced.get();
                }
                if (attempt > 20) {
                    throw new IllegalStateException("no free reference after 20 attempts: raise caseline.service-requests.reference-digits");
                }
            }
        });
    }

    private Prepared prepare(Filing filing) {
        Locale language = Languages.supported(Locale.forLanguageTag(
                filing.requester() == null || filing.requester().language() == null ? "en" : filing.requester().language()));
        RequestTypes.RequestType type = types.type(filing.type()).orElseThrow(() -> new ServiceRequestRefused(
                ServiceRequestRefused.Why.INVALID, "unknown-type", "There is no request type " + filing.type() + ".",
                List.of(problem("type", "unknown-type", language, filing.type()))));
        if (!type.channels().contains(filing.channel())) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.FORBIDDEN, "channel",
                    "A request of type " + type.code() + " cannot be filed from " + filing.channel() + ".");
        }
        List<ServiceRequestRefused.Problem> problems = new ArrayList<>();
        ReceiptNumber receipt = null;
        try {
            receipt = cases.parseReceipt(filing.receiptNumber());
        } catch (InvalidReceiptNumberException e) {
            problems.add(new ServiceRequestRefused.Problem("receiptNumber", "receipt", e.describe(messages, language)));
        }
        Map<String, String> fields = checkFields(type, filing.fields() == null ? Map.of() : filing.fields(), language, problems);
        ServiceRequest.Requester requester = checkRequester(filing, language, problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        Optional<CaseStatusView> theCase = cases.findStatus(receipt);
        if (filing.channel() == Channel.PUBLIC) {
            // one answer for no such case and for someone who does not know the applicant: it tells nothing
            if (theCase.isEmpty() || filing.identity() == null || !identities.matches(receipt, filing.identity())) {
                throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "not-matched",
                        "We could not match these details to a case.", List.of(problem("receiptNumber", "not-matched", language)));
            }
        } else if (theCase.isEmpty()) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND, "no-case",
                    "There is no case " + receipt.value() + ".");
        }
        CaseStatusView view = theCase.get();
        Instant now = clock.instant();
        int before = jdbc.sql("select count(*) from service_request where receipt_number = ? and type = ? and status = 'CLOSED'")
                .params(receipt.value(), type.code()).query(Integer.class).single();
        Optional<Filed> open = openOf(receipt, type.code());
        if (open.isPresent()) {
            return new Prepared(type, receipt, fields, requester, open.get().office(), open.get().dueDate(), language, open.get());
        }
        problems.addAll(eligibility.check(type, view, fields, before, now, language));
        if (!problems.isEmpty()) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "not-eligible",
                    problems.getFirst().message(), problems); // in the requester's language, like the problems
        }
        String office = type.office().equals("case") ? view.office().code() : type.office();
        LocalDate filedOn = now.atZone(zoneOf(office)).toLocalDate();
        LocalDate due = FederalHolidays.addBusinessDays(filedOn, type.targetDays());
        return new Prepared(type, receipt, fields, requester, office, due, language, null);
    }

    private Optional<Filed> openOf(ReceiptNumber receipt, String type) {
        return jdbc.sql("select reference, office_code, due_date, status from service_request where receipt_number = ? and type = ? and status <> 'CLOSED'")
                .params(receipt.value(), type)
                .query((rs, n) -> new Filed(new ServiceReference(rs.getString(1)), rs.getString(2), rs.getObject(3, LocalDate.class),
                        ServiceRequest.Status.valueOf(rs.getString(4)), true))
                .optional();
    }

    private Map<String, String> checkFields(RequestTypes.RequestType type, Map<String, String> given, Locale language,
                                            List<ServiceRequestRefused.Problem> problems) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (type.field(name).isEmpty()) {
                problems.add(problem(name, "unknown-field", language, name));
            }
        }
        for (RequestTypes.Field field : type.fields()) {
            String value = given.get(field.name()) == null ? "" : given.get(field.name()).strip();
            if (value.isEmpty()) {
                if (field.required()) {
                    problems.add(problem(field.name(), "required", language, field.label().in(language)));
                }
                continue;
            }
            String wrong = switch (field.kind()) {
                case TEXT -> value.length() > 2000 ? "too-long" : null;
                case ADDRESS -> value.length() < 10 || value.length() > 500 ? "address" : null;
                case DATE -> parses(() -> LocalDate.parse(value)) ? null : "date";
                case DATETIME -> parses(() -> LocalDateTime.parse(value)) ? null : "datetime";
                case CHOICE -> field.choices().stream().anyMatch(c -> c.value().equals(value)) ? null : "choice";
                case PHONE -> PhoneNumber.parse(value).isPresent() ? null : "phone";
                case EMAIL -> Mail.isAddress(value) ? null : "email";
            };
            if (wrong != null) {
                problems.add(problem(field.name(), wrong, language, field.label().in(language)));
            } else {
                fields.put(field.name(), value);
            }
        }
        return fields;
    }

    private ServiceRequest.Requester checkRequester(Filing filing, Locale language, List<ServiceRequestRefused.Problem> problems) {
        ServiceRequest.Requester r = filing.requester();
        if (r == null) {
            problems.add(problem("requester", "requester", language));
            return null;
        }
        String name = r.name() == null ? "" : r.name().strip();
        String email = r.email() == null || r.email().isBlank() ? null : r.email().strip().toLowerCase(Locale.ROOT);
        String phone = r.phone() == null || r.phone().isBlank() ? null : r.phone().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(problem("requester.name", "requester-name", language));
        }
        if (email != null && !Mail.isAddress(email)) {
            problems.add(problem("requester.email", "email", language, "email"));
        }
        if (phone != null && PhoneNumber.parse(phone).isEmpty()) {
            problems.add(problem("requester.phone", "phone", language, "phone"));
        }
        if (email == null && phone == null) {
            problems.add(problem("requester.email", "no-way-to-answer", language));
        }
        if (r.language() != null && !r.language().matches("en|es")) {
            problems.add(problem("requester.language", "language", language));
        }
        String postal = r.postalCode() == null || r.postalCode().isBlank() ? null : r.postalCode().strip();
        if (postal == null && filing.identity() != null) {
            postal = filing.identity().postalCode();
        }
        return new ServiceRequest.Requester(name, email, phone, postal, language.getLanguage());
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // --- reading ----------------------------------------------------------------------------------

    public Optional<ServiceRequest> find(ServiceReference reference) {
        return jdbc.sql(SELECT + " where reference = ?").param(reference.value()).query(this::row).optional()
                .map(this::withHistory);
    }

    /** A case's requests, newest first (for its holder: they see the answers on their own case). */
    public List<ServiceRequest> forCase(String receiptNumber) {
        return jdbc.sql(SELECT + " where receipt_number = ? order by filed_at desc limit 100").param(receiptNumber).query(this::row).list();
    }

    /** An office's requests with this status, soonest due first. */
    public List<ServiceRequest> workList(String office, ServiceRequest.Status status, int limit, int offset) {
        return jdbc.sql(LIST_SELECT + " where office_code = ? and status = ? order by due_date, reference limit ? offset ?")
                .params(office, status.name(), limit, offset).query(this::row).list();
    }

    /** Open and waiting requests due within {@code days} business days or overdue, for supervisors, soonest first. */
    public List<ServiceRequest> dueSoon(int days, int limit) {
        LocalDate horizon = FederalHolidays.addBusinessDays(LocalDate.now(clock.withZone(ZoneId.of("America/New_York"))), days);
        return jdbc.sql(SELECT + " where status <> 'CLOSED' and due_date <= ? order by due_date, reference limit ?")
                .params(horizon, limit).query(this::row).list();
    }

    /** An office's requests not yet closed: open, waiting for the requester, due within the warning, past due. */
    public record OfficeFigures(String office, int open, int waiting, int dueSoon, int overdue) {
    }

    /**
     * Every office's figures, the most overdue first: "due soon" is within {@code warningDays}
     * business days of today, "overdue" past the due date (today in Eastern time, the agency's).
     */
    public List<OfficeFigures> figures(int warningDays) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("America/New_York")));
        LocalDate soon = FederalHolidays.addBusinessDays(today, warningDays);
        return jdbc.sql("""
                        select office_code, count(*) filter (where status = 'OPEN'), count(*) filter (where status = 'WAITING'),
                               count(*) filter (where due_date >= ? and due_date <= ?), count(*) filter (where due_date < ?)
                        from service_request where status <> 'CLOSED' group by office_code
                        order by 5 desc, 4 desc, office_code""")
                .params(today, soon, today)
                .query((rs, n) -> new OfficeFigures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))).list();
    }

    /**
     * The request as its requester may see it, given its reference and the email or postal code
     * they gave; empty for anyone else, with no hint of whether the reference exists.
     */
    public Optional<ServiceRequest> forRequester(ServiceReference reference, String emailOrPostal) {
        if (emailOrPostal == null || emailOrPostal.isBlank()) {
            return Optional.empty();
        }
        String proof = emailOrPostal.strip().toLowerCase(Locale.ROOT);
        return find(reference).filter(r -> proof.equals(r.requester().email())
                || (r.requester().postalCode() != null && proof.equalsIgnoreCase(r.requester().postalCode())));
    }

    // --- working ----------------------------------------------------------------------------------

    public ServiceRequest claim(ServiceReference reference, Worker worker) {
        return work(reference, worker, r -> {
            jdbc.sql("update service_request set claimed_by = ? where reference = ?").params(worker.username(), reference.value()).update();
            step(reference, worker.username(), "claimed", null);
        });
    }

    public ServiceRequest note(ServiceReference reference, Worker worker, String text) {
        String note = text(text, "note");
        return work(reference, worker, r -> step(reference, worker.username(), "note", note));
    }

    /** Asks the requester for information: the clock stops until it comes. */
    public ServiceRequest askForInformation(ServiceReference reference, Worker worker, String question) {
        String asked = text(question, "question");
        return work(reference, worker, r -> {
            if (r.status() == ServiceRequest.Status.WAITING) {
                throw new ServiceRequestRefused(ServiceRequestRefused.Why.CONFLICT, "waiting", "The request already waits for information.");
            }
            jdbc.sql("update service_request set status = 'WAITING', paused_on = ? where reference = ?")
                    .params(today(r.office()), reference.value()).update();
            step(reference, worker.username(), "information-requested", asked);
            if (r.requester().email() != null) {
                mails.informationRequested(r.requester().email(), Locale.forLanguageTag(r.requester().language()), reference);
            }
        });
    }

    /** The information came: the clock runs again, the due date moved by the business days it waited. */
    public ServiceRequest informationReceived(ServiceReference reference, Worker worker, String what) {
        String received = text(what, "information");
        return work(reference, worker, r -> {
            if (r.status() != ServiceRequest.Status.WAITING) {
                throw new ServiceRequestRefused(ServiceRequestRefused.Why.CONFLICT, "not-waiting", "The request does not wait for information.");
            }
            LocalDate pausedOn = jdbc.sql("select paused_on from service_request where reference = ?").param(reference.value())
                    .query(LocalDate.class).single();
            int waited = FederalHolidays.businessDaysBetween(pausedOn, today(r.office()));
            LocalDate due = FederalHolidays.addBusinessDays(r.dueDate(), waited);
            jdbc.sql("update service_request set status = 'OPEN', paused_on = null, due_date = ? where reference = ?")
                    .params(due, reference.value()).update();
            step(reference, worker.username(), "information-received", received);
        });
    }

    /** Answers the requester and closes the request with its outcome. */
    public ServiceRequest answer(ServiceReference reference, Worker worker, String text, ServiceRequest.Outcome outcome) {
        String answer = text(text, "text");
        if (outcome == null) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "outcome",
                    "outcome must be RESOLVED, ACTION_TAKEN or NO_ACTION_NEEDED");
        }
        return work(reference, worker, r -> {
            Instant now = clock.instant();
            jdbc.sql("update service_request set status = 'CLOSED', outcome = ?, answer = ?, closed_at = ?, paused_on = null where reference = ?")
                    .params(outcome.name(), answer, Timestamp.from(now), reference.value()).update();
            step(reference, worker.username(), "answered", outcome.name());
            if (r.requester().email() != null) {
                mails.answered(r.requester().email(), Locale.forLanguageTag(r.requester().language()), reference);
            }
            LocalDate closedOn = today(r.office());
            events.publishEvent(new ServiceRequestAnswered(reference.value(), r.office(), outcome.name(), worker.username()));
            events.publishEvent(new ServiceRequestClosed(reference.value(), r.type(), r.office(), outcome.name(), r.dueDate(),
                    closedOn, closedOn.isAfter(r.dueDate())));
        });
    }

    /** Sends the request to another office, with its history; it is no one's there until claimed. */
    public ServiceRequest refer(ServiceReference reference, Worker worker, String office) {
        String to = office == null ? "" : office.strip().toUpperCase(Locale.ROOT);
        if (catalogue.office(to).isEmpty() && directory.offices().office(to).isEmpty()) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "office", "There is no office " + office + ".",
                    List.of(new ServiceRequestRefused.Problem("office", "office", "There is no office " + office + ".")));
        }
        return work(reference, worker, r -> {
            if (r.office().equals(to)) {
                throw new ServiceRequestRefused(ServiceRequestRefused.Why.CONFLICT, "same-office", "The request is at " + to + " already.");
            }
            jdbc.sql("update service_request set office_code = ?, claimed_by = null where reference = ?").params(to, reference.value()).update();
            step(reference, worker.username(), "referred", r.office() + " -> " + to);
        });
    }

    private ServiceRequest work(ServiceReference reference, Worker worker, java.util.function.Consumer<ServiceRequest> change) {
        tx.executeWithoutResult(status -> {
            ServiceRequest r = jdbc.sql(SELECT + " where reference = ? for update").param(reference.value()).query(this::row).optional()
                    .orElseThrow(() -> notFound(reference));
            if (worker.office() != null && !worker.office().equals(r.office())) {
                // an office sees only its own requests: another office's is as if it did not exist
                throw notFound(reference);
            }
            if (r.status() == ServiceRequest.Status.CLOSED) {
                throw new ServiceRequestRefused(ServiceRequestRefused.Why.CONFLICT, "closed", "The request " + reference + " is closed.");
            }
            change.accept(r);
        });
        return find(reference).orElseThrow();
    }

    private static ServiceRequestRefused notFound(ServiceReference reference) {
        return new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND, "no-request", "There is no service request " + reference + ".");
    }

    private static String text(String text, String field) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 5000) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, field, field + " is required, at most 5000 characters",
                    List.of(new ServiceRequestRefused.Problem(field, "required", field + " is required, at most 5000 characters")));
        }
        return t;
    }

    private void step(ServiceReference reference, String actor, String action, String detail) {
        jdbc.sql("insert into service_request_history (reference, at, actor, action, detail) values (?, ?, ?, ?, ?)")
                .params(reference.value(), Timestamp.from(clock.instant()), actor, action, detail).update();
    }

    private ZoneId zoneOf(String office) {
        return directory.offices().office(office).map(Office::timeZone).map(ZoneId::of).orElse(ZoneId.of("America/New_York"));
    }

    /** Today in the office's own time zone: due dates are its business days. */
    public LocalDate today(String office) {
        return clock.instant().atZone(zoneOf(office)).toLocalDate();
    }

    private ServiceRequestRefused.Problem problem(String field, String code, Locale language, Object... args) {
        return new ServiceRequestRefused.Problem(field, code, messages.getMessage("sr.problem." + code, args, language));
    }

    private static ServiceRequestRefused invalid(List<ServiceRequestRefused.Problem> problems) {
        return new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "invalid", problems.getFirst().message(), problems);
    }

    private static final String SELECT = """
            select reference, type, receipt_number, office_code, channel, status, fields::text, requester_name, requester_email,
                   requester_phone, requester_postal, language, interaction_id, filed_by, filed_at, due_date, claimed_by,
                   outcome, answer, closed_at
            from service_request""";

    /** What a list shows: not the fields asked for nor the answer (read when a request is opened). */
    private static final String LIST_SELECT = SELECT.replace("fields::text", "null::text").replace("answer,", "null,");

    private ServiceRequest row(ResultSet rs, int n) throws SQLException {
        Timestamp closed = rs.getTimestamp(20);
        return new ServiceRequest(new ServiceReference(rs.getString(1)), rs.getString(2), rs.getString(3).strip(), rs.getString(4),
                Channel.valueOf(rs.getString(5)), ServiceRequest.Status.valueOf(rs.getString(6)),
                rs.getString(7) == null ? Map.of() : JSON.readValue(rs.getString(7), new TypeReference<Map<String, String>>() { }),
                new ServiceRequest.Requester(rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
                rs.getString(13), rs.getString(14), rs.getTimestamp(15).toInstant(), rs.getObject(16, LocalDate.class),
                rs.getString(17), rs.getString(18) == null ? null : ServiceRequest.Outcome.valueOf(rs.getString(18)), rs.getString(19),
                closed == null ? null : closed.toInstant(), List.of());
    }

    private ServiceRequest withHistory(ServiceRequest r) {
        List<ServiceRequest.Step> steps = jdbc.sql("select at, actor, action, detail from service_request_history where reference = ? order by id")
                .param(r.reference().value())
                .query((rs, n) -> new ServiceRequest.Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        return new ServiceRequest(r.reference(), r.type(), r.receiptNumber(), r.office(), r.channel(), r.status(), r.fields(),
                r.requester(), r.interactionId(), r.filedBy(), r.filedAt(), r.dueDate(), r.claimedBy(), r.outcome(), r.answer(),
                r.closedAt(), steps);
    }
}
