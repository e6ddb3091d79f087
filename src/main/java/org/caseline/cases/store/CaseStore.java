package org.caseline.cases.store;

import org.caseline.cases.CaseStatusView;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for case records, their status events and processing times. */
@Repository
public class CaseStore {

    public record CaseRow(String receipt, String formNumber, LocalDate receivedDate, String statusCode, Instant statusAt,
                   String officeCode, String applicantReference, boolean sentToDos, Instant updatedAt) {
    }

    public record EventRow(String statusCode, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    public CaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CaseRow> find(String receipt) {
        return jdbc.sql("""
                        select receipt_number, form_number, received_date, status_code, status_at, office_code,
                               applicant_reference, sent_to_dos, updated_at
                        from case_record where receipt_number = ?""")
                .param(receipt)
                .query((rs, n) -> new CaseRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), rs.getTimestamp(9).toInstant()))
                .optional();
    }

    public Optional<CaseRow> findForUpdate(String receipt) {
        return jdbc.sql("select receipt_number from case_record where receipt_number = ? for update")
                .param(receipt).query(String.class).optional()
                .flatMap(this::find);
    }

    public List<EventRow> history(String receipt) {
        return jdbc.sql("""
                        select status_code, occurred_at from case_status_event
                        where receipt_number = ? order by occurred_at, id""")
                .param(receipt)
                .query((rs, n) -> new EventRow(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
    }

    public Optional<CaseStatusView.ProcessingTime> processingTime(String formNumber, String officeCode) {
        return jdbc.sql("select months_80pct, published_on from processing_time where form_number = ? and office_code = ?")
                .params(formNumber, officeCode)
                .query((rs, n) -> new CaseStatusView.ProcessingTime(rs.getDouble(1), rs.getObject(2, LocalDate.class)))
                .optional();
    }

    public void insert(CaseRow row, Instant now) {
        jdbc.sql("""
                        insert into case_record (receipt_number, form_number, received_date, status_code, status_at,
                                                 office_code, applicant_reference, sent_to_dos, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.receipt(), row.formNumber(), row.receivedDate(), row.statusCode(), ts(row.statusAt()),
                        row.officeCode(), row.applicantReference(), row.sentToDos(), ts(now), ts(now))
                .update();
    }

    public void updateDetails(String receipt, String formNumber, LocalDate receivedDate, String officeCode,
                       String applicantReference, boolean sentToDos, Instant now) {
        jdbc.sql("""
                        update case_record set form_number = ?, received_date = ?, office_code = ?,
                               applicant_reference = ?, sent_to_dos = ?, updated_at = ?
                        where receipt_number = ?""")
                .params(formNumber, receivedDate, officeCode, applicantReference, sentToDos, ts(now), receipt)
                .update();
    }

    public void updateStatus(String receipt, String statusCode, Instant statusAt, Instant now) {
        jdbc.sql("update case_record set status_code = ?, status_at = ?, updated_at = ? where receipt_number = ?")
                .params(statusCode, ts(statusAt), ts(now), receipt)
                .update();
    }

    /** @return false when an event with this id was recorded before (a replay) */
    public boolean insertEvent(String receipt, String statusCode, Instant occurredAt, String eventId, Instant now) {
        int rows = jdbc.sql("""
                        insert into case_status_event (receipt_number, status_code, occurred_at, event_id, recorded_at)
                        values (?, ?, ?, ?, ?) on conflict (event_id) do nothing""")
                .params(receipt, statusCode, ts(occurredAt), eventId, ts(now))
                .update();
        return rows == 1;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
