package org.caseline.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.caseline.cases.store.CaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases as the agency's case system reports them: create or update a case, and append status
 * events. Appending is idempotent per event id, so the case system may resend freely. The
 * current status is the latest event by the time it happened, whatever order events arrive in.
 */
@Service
public class CaseIngestion {

    private static final Logger log = LoggerFactory.getLogger(CaseIngestion.class);

    /** A case's details; {@code status} and {@code statusAt} are optional on update. */
    public record CaseData(String formNumber, LocalDate receivedDate, String officeCode, String applicantReference,
                           Boolean sentToDepartmentOfState, String status, Instant statusAt) {
    }

    public record StatusEvent(String eventId, String status, Instant occurredAt) {
    }

    public enum Outcome { CREATED, UPDATED }

    public enum EventOutcome { RECORDED, ALREADY_RECORDED }

    private final CaseStore store;
    private final Catalogue catalogue;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;

    private final CaseAccessCodes accessCodes;

    CaseIngestion(CaseStore store, Catalogue catalogue, ApplicationEventPublisher events, Clock clock,
                  @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone, CaseAccessCodes accessCodes) {
        this.accessCodes = accessCodes;
        this.store = store;
        this.catalogue = catalogue;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
    }

    @Transactional
    public Outcome upsert(ReceiptNumber receipt, CaseData data) {
        require(data.formNumber() != null && catalogue.form(data.formNumber()).isPresent(), "formType",
                data.formNumber() == null ? "The form number is required." : "Unknown form " + data.formNumber() + ".");
        require(data.receivedDate() != null, "receivedDate", "The received date is required.");
        LocalDate today = LocalDate.now(clock.withZone(zone));
        require(!data.receivedDate().isAfter(today), "receivedDate", "The received date is in the future.");
        require(data.officeCode() != null && catalogue.office(data.officeCode()).isPresent(), "officeCode",
                data.officeCode() == null ? "The office code is required." : "Unknown office " + data.officeCode() + ".");
        require(data.applicantReference() == null || data.applicantReference().length() <= 100, "applicantReference",
                "The applicant reference is longer than 100 characters.");
        if (data.status() != null) {
            requireStatus(data.status());
        }
        require(data.statusAt() == null || data.status() != null, "statusAt", "statusAt needs a status.");
        Instant now = clock.instant();
        Optional<CaseStore.CaseRow> existing = store.findForUpdate(receipt.value());
        boolean sentToDos = Boolean.TRUE.equals(data.sentToDepartmentOfState()) || "SENT_TO_DOS".equals(data.status());
        if (existing.isEmpty()) {
            String status = data.status() == null ? "CASE_RECEIVED" : data.status();
            Instant at = data.statusAt() == null ? data.receivedDate().atStartOfDay(zone).toInstant() : data.statusAt();
            store.insert(new CaseStore.CaseRow(receipt.value(), data.formNumber(), data.receivedDate(), status, at,
                    data.officeCode(), data.applicantReference(), sentToDos, now), now);
            store.insertEvent(receipt.value(), status, at, null, now);
            accessCodes.ensure(receipt); // printed on the notices; the case system may set its own
            events.publishEvent(new CaseStatusChanged(receipt, data.formNumber(), null, status, at));
            log.info("Case {} created ({}, {})", receipt.masked(), data.formNumber(), status);
            return Outcome.CREATED;
        }
        store.updateDetails(receipt.value(), data.formNumber(), data.receivedDate(), data.officeCode(),
                data.applicantReference(), sentToDos || existing.get().sentToDos(), now);
        if (data.status() != null && !data.status().equals(existing.get().statusCode())) {
            Instant at = data.statusAt() == null ? now : data.statusAt();
            store.insertEvent(receipt.value(), data.status(), at, null, now);
            moveStatusIfLatest(receipt, existing.get(), data.status(), at, now);
        }
        return Outcome.UPDATED;
    }

    @Transactional
    public EventOutcome append(ReceiptNumber receipt, StatusEvent event) {
        require(event.eventId() != null && !event.eventId().isBlank(), "eventId", "The event id is required.");
        require(event.eventId().length() <= 200, "eventId", "The event id is longer than 200 characters.");
        require(event.status() != null, "status", "The status is required.");
        requireStatus(event.status());
        require(event.occurredAt() != null, "occurredAt", "The time of the event is required.");
        require(!event.occurredAt().isAfter(clock.instant().plusSeconds(300)), "occurredAt", "The event is in the future.");
        CaseStore.CaseRow row = store.findForUpdate(receipt.value()).orElseThrow(() -> new CaseNotFoundException(receipt));
        Instant now = clock.instant();
        if (!store.insertEvent(receipt.value(), event.status(), event.occurredAt(), event.eventId(), now)) {
            return EventOutcome.ALREADY_RECORDED;
        }
        moveStatusIfLatest(receipt, row, event.status(), event.occurredAt(), now);
        return EventOutcome.RECORDED;
    }

    private void moveStatusIfLatest(ReceiptNumber receipt, CaseStore.CaseRow row, String status, Instant at, Instant now) {
        if (at.isBefore(row.statusAt())) {
            return; // an older event filling in history
        }
        store.updateStatus(receipt.value(), status, at, now);
        if ("SENT_TO_DOS".equals(status) && !row.sentToDos()) {
            store.updateDetails(receipt.value(), row.formNumber(), row.receivedDate(), row.officeCode(),
                    row.applicantReference(), true, now);
        }
        if (!status.equals(row.statusCode())) {
            events.publishEvent(new CaseStatusChanged(receipt, row.formNumber(), row.statusCode(), status, at));
        }
    }

    private void requireStatus(String status) {
        require(catalogue.status(status).isPresent(), "status", "Unknown status " + status + ".");
    }

    private static void require(boolean condition, String field, String reason) {
        if (!condition) {
            throw new InvalidCaseDataException(field, reason);
        }
    }
}
