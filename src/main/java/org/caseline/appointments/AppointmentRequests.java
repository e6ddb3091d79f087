package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.caseline.cases.CaseStatusService;
import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.ReceiptNumber;
import org.caseline.cases.StaffCaseReads;
import org.caseline.directory.DirectoryData;
import org.caseline.messaging.CaseDetailsRule;
import org.caseline.messaging.Mail;
import org.caseline.platform.KeyableReference;
import org.caseline.platform.Languages;
import org.caseline.platform.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests for an appointment. The seed's rule: Tier 2 schedules, Tier 1 cannot. So a request,
 * from an account holder or taken by Tier 1 on a call, carries its reason and evidence to a Tier 2
 * officer ({@link AppointmentRequested}, a written contact in routing), who books a slot, the
 * requester being told with a calendar file, or declines it with a reason the requester reads.
 */
@Service
public class AppointmentRequests {

    private static final Logger log = LoggerFactory.getLogger(AppointmentRequests.class);

    public enum Channel { ACCOUNT, TIER1, TIER2 }

    /** Who asks, and how to reach them: an email, a phone number, or both. */
    public record Requester(String name, String email, String phone, Locale language, UUID account) {
    }

    public record NewRequest(String receiptNumber, String type, String office, String reason, String evidence, List<String> accommodations,
                             Requester requester, Channel channel, String by) {
    }

    public record Request(UUID id, String reference, String receiptNumber, String type, String office, String reason, String evidence,
                          List<String> accommodations, String language, String requesterName, boolean canBeMailed, Channel channel,
                          Instant requestedAt, String status, String declineReason, UUID appointment) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Appointments appointments;
    private final AppointmentTypes types;
    private final AppointmentMails mails;
    private final DirectoryData directory;
    private final CaseStatusService cases;
    private final StaffCaseReads reads;
    private final CaseDetailsRule rule;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration answerWithin;

    AppointmentRequests(JdbcClient jdbc, TransactionTemplate tx, Appointments appointments, AppointmentTypes types, AppointmentMails mails,
                        DirectoryData directory, CaseStatusService cases, StaffCaseReads reads, CaseDetailsRule rule,
                        ApplicationEventPublisher events, Clock clock,
                        @Value("${caseline.appointments.requests.answer-within:48h}") Duration answerWithin) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.appointments = appointments;
        this.types = types;
        this.mails = mails;
        this.directory = directory;
        this.cases = cases;
        this.reads = reads;
        this.rule = rule;
        this.events = events;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    /** Records a request and sends it to Tier 2; nothing is recorded when any of it is wrong. */
    public Request request(NewRequest r) {
        ReceiptNumber receipt;
        try {
            receipt = cases.parseReceipt(r.receiptNumber());
        } catch (InvalidReceiptNumberException e) {
            throw new Appointments.Refused(422, "receipt", e.getMessage());
        }
        AppointmentTypes.Type type = types.type(r.type()).orElseThrow(() -> new Appointments.Refused(422, "type", "No appointment type "
                + r.type() + "; the types are " + String.join(", ", types.all().stream().map(AppointmentTypes.Type::code).toList()) + "."));
        String office = r.office() == null || r.office().isBlank() ? null : r.office().strip().toUpperCase(Locale.ROOT);
        if (office != null) {
            var found = directory.offices().office(office).orElseThrow(() -> new Appointments.Refused(404, "no-office", "No office " + r.office() + "."));
            if (!type.offices().contains(found.kind())) {
                throw new Appointments.Refused(422, "type-not-offered", office + " does not offer " + type.code() + " appointments.");
            }
        }
        String reason = r.reason() == null ? "" : r.reason().strip();
        if (reason.isEmpty() || reason.length() > 2000) {
            throw new Appointments.Refused(422, "reason", "Say why the appointment is needed (up to 2,000 characters).");
        }
        String evidence = r.evidence() == null || r.evidence().isBlank() ? null : r.evidence().strip();
        if (evidence != null && evidence.length() > 4000) {
            throw new Appointments.Refused(422, "evidence", "The evidence is at most 4,000 characters.");
        }
        List<String> needs = Appointments.accommodations(r.accommodations());
        Requester who = r.requester();
        String email = who == null || who.email() == null || who.email().isBlank() ? null : who.email().strip();
        if (email != null && !Mail.isAddress(email)) {
            throw new Appointments.Refused(422, "email", "The email address " + email + " is not one we can write to.");
        }
        String phone = null;
        if (who != null && who.phone() != null && !who.phone().isBlank()) {
            phone = PhoneNumber.parse(who.phone()).map(PhoneNumber::digits)
                    .orElseThrow(() -> new Appointments.Refused(422, "phone", "The phone number " + who.phone() + " is not a US number."));
        }
        if (email == null && phone == null) {
            throw new Appointments.Refused(422, "contact", "Give an email address or a phone number, so the requester hears back.");
        }
        if (reads.publicStatus(receipt, r.by(), "appointment request").isEmpty()) {
            throw new Appointments.Refused(404, "no-case", "No case has the receipt number " + receipt.value() + ".");
        }
        UUID id = UUID.randomUUID();
        String reference = KeyableReference.random(9);
        Locale language = who.language() == null ? Languages.ENGLISH : Languages.supported(who.language());
        Instant now = clock.instant();
        String mobile = phone;
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                            insert into appointment_request (id, reference, receipt_number, type, office, reason, evidence, accommodations, language,
                                requester_name, requester_email, requester_phone, account_id, channel, requested_by, requested_at, status)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED')""")
                    .params(id, reference, receipt.value(), type.code(), office, reason, evidence, needs.toArray(String[]::new),
                            language.getLanguage(), who.name(), email, mobile, who.account(), r.channel().name(), r.by(), Timestamp.from(now))
                    .update();
            events.publishEvent(new AppointmentRequested(id, reference, type.code(), language.getLanguage(), now.plus(answerWithin)));
        });
        log.info("Appointment request {} ({}) for {} by {}", reference, type.code(), receipt.masked(), r.by());
        return find(id).orElseThrow();
    }

    public Optional<Request> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(AppointmentRequests::request).optional();
    }

    /** The requests of an account holder, the newest first. */
    public List<Request> ofAccount(UUID account) {
        return jdbc.sql(SELECT + " where account_id = ? order by requested_at desc limit 100").param(account)
                .query(AppointmentRequests::request).list();
    }

    /** The officer books a slot for the request: the appointment is made, the request answered, the requester told. */
    public Appointments.Appointment book(UUID id, String officeCode, Instant start, String officer) {
        return tx.execute(s -> {
            Request request = open(id);
            String[] contact = jdbc.sql("select requester_email, requester_phone from appointment_request where id = ?").param(id)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
            String office = officeCode == null || officeCode.isBlank() ? request.office() : officeCode;
            if (office == null) {
                throw new Appointments.Refused(422, "office", "Choose the office to book at.");
            }
            Appointments.Appointment made = appointments.book(new Appointments.Booking(request.receiptNumber(), office, request.type(), start,
                    request.accommodations(), new Appointments.Notify(contact[0], contact[1], Locale.forLanguageTag(request.language())),
                    officer, null));
            jdbc.sql("update appointment_request set status = 'BOOKED', decided_by = ?, decided_at = ?, appointment_id = ? where id = ?")
                    .params(officer, Timestamp.from(clock.instant()), made.id(), id).update();
            return made;
        });
    }

    /**
     * The officer declines the request. The reason goes to the requester by plain mail, so it is
     * held to the rule for plain mail (no case details); the refusal names what it found.
     */
    public Request decline(UUID id, String reason, String officer) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 2000) {
            throw new Appointments.Refused(422, "reason", "Say why the request is declined (up to 2,000 characters): the requester reads it.");
        }
        rule.firstIn(why).ifPresent(found -> {
            throw new Appointments.Refused(422, "case-details", "The reason goes by plain mail and cannot hold case details; it has a "
                    + found.kind() + " (\"" + found.text() + "\").");
        });
        tx.executeWithoutResult(s -> {
            Request request = open(id);
            jdbc.sql("update appointment_request set status = 'DECLINED', decided_by = ?, decided_at = ?, decline_reason = ? where id = ?")
                    .params(officer, Timestamp.from(clock.instant()), why, id).update();
            String email = jdbc.sql("select requester_email from appointment_request where id = ?").param(id).query(String.class).single();
            if (email != null) {
                mails.declined(email, Locale.forLanguageTag(request.language()), KeyableReference.grouped(request.reference()), why);
            }
        });
        log.info("Appointment request {} declined by {}", id, officer);
        return find(id).orElseThrow();
    }

    private Request open(UUID id) {
        String status = jdbc.sql("select status from appointment_request where id = ? for update").param(id).query(String.class).optional()
                .orElseThrow(() -> new Appointments.Refused(404, "no-request", "No appointment request " + id + "."));
        if (!status.equals("REQUESTED")) {
            throw new Appointments.Refused(409, "decided", "This request was " + status.toLowerCase(Locale.ROOT) + " already.");
        }
        return find(id).orElseThrow();
    }

    private static final String SELECT = """
            select id, reference, receipt_number, type, office, reason, evidence, accommodations, language, requester_name,
                   requester_email is not null, channel, requested_at, status, decline_reason, appointment_id
            from appointment_request""";

    private static Request request(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Request(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), List.of((String[]) rs.getArray(8).getArray()), rs.getString(9), rs.getString(10), rs.getBoolean(11),
                Channel.valueOf(rs.getString(12)), rs.getTimestamp(13).toInstant(), rs.getString(14), rs.getString(15),
                rs.getObject(16, UUID.class));
    }
}
