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

    /** A case with its history and processing time, as one statement reads them. */
    public record StatusRow(CaseRow caseRow, List<EventRow> history,
                            Optional<CaseStatusView.ProcessingTime> processingTime) {
    }

    private final JdbcClient jdbc;
    private final CaseStatusCache cache;

    public CaseStore(JdbcClient jdbc, CaseStatusCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
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

    /**
     * Everything the status channels show, in one statement: the hot path of the case status
     * API and page, so one round trip and one consistent snapshot, no explicit transaction.
     */
    public Optional<StatusRow> findStatus(String receipt) {
        return jdbc.sql("""
                        select c.receipt_number, c.form_number, c.received_date, c.status_code, c.status_at,
                               c.office_code, c.applicant_reference, c.sent_to_dos, c.updated_at,
                               p.months_80pct, p.published_on, h.codes, h.times
                        from case_record c
                        left join processing_time p on p.form_number = c.form_number and p.office_code = c.office_code
                        left join lateral (
                            select array_agg(e.status_code order by e.occurred_at, e.id) as codes,
                                   array_agg(e.occurred_at order by e.occurred_at, e.id) as times
                            from case_status_event e where e.receipt_number = c.receipt_number) h on true
                        where c.receipt_number = ?""")
                .param(receipt)
                .query((rs, n) -> {
                    var row = new CaseRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                            rs.getBoolean(8), rs.getTimestamp(9).toInstant());
                    Optional<CaseStatusView.ProcessingTime> time = rs.getObject(10) == null ? Optional.empty()
                            : Optional.of(new CaseStatusView.ProcessingTime(rs.getDouble(10), rs.getObject(11, LocalDate.class)));
                    List<EventRow> history = new java.util.ArrayList<>();
                    if (rs.getArray(12) != null) {
                        String[] codes = (String[]) rs.getArray(12).getArray();
                        Timestamp[] times = (Timestamp[]) rs.getArray(13).getArray();
                        for (int i = 0; i < codes.length; i++) {
                            history.add(new EventRow(codes[i], times[i].toInstant()));
                        }
                    }
                    return new StatusRow(row, history, time);
                })
                .optional();
    }

    public Optional<CaseRow> findForUpdate(String receipt) {
        return jdbc.sql("select receipt_number from case_record where receipt_number = ? for update")
                .param(receipt).query(String.class).optional()
                .flatMap(this::find);
    }

    public void insert(CaseRow row, Instant now) {
        jdbc.sql("""
                        insert into case_record (receipt_number, form_number, received_date, status_code, status_at,
                                                 office_code, applicant_reference, sent_to_dos, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.receipt(), row.formNumber(), row.receivedDate(), row.statusCode(), ts(row.statusAt()),
                        row.officeCode(), row.applicantReference(), row.sentToDos(), ts(now), ts(now))
                .update();
        cache.changed(row.receipt());
    }

    public void updateDetails(String receipt, String formNumber, LocalDate receivedDate, String officeCode,
                       String applicantReference, boolean sentToDos, Instant now) {
        jdbc.sql("""
                        update case_record set form_number = ?, received_date = ?, office_code = ?,
                               applicant_reference = ?, sent_to_dos = ?, updated_at = ?
                        where receipt_number = ?""")
                .params(formNumber, receivedDate, officeCode, applicantReference, sentToDos, ts(now), receipt)
                .update();
        cache.changed(receipt);
    }

    public void updateStatus(String receipt, String statusCode, Instant statusAt, Instant now) {
        jdbc.sql("update case_record set status_code = ?, status_at = ?, updated_at = ? where receipt_number = ?")
                .params(statusCode, ts(statusAt), ts(now), receipt)
                .update();
        cache.changed(receipt);
    }

    /** @return false when an event with this id was recorded before (a replay) */
    public boolean insertEvent(String receipt, String statusCode, Instant occurredAt, String eventId, Instant now) {
        int rows = jdbc.sql("""
                        insert into case_status_event (receipt_number, status_code, occurred_at, event_id, recorded_at)
                        values (?, ?, ?, ?, ?) on conflict (event_id) do nothing""")
                .params(receipt, statusCode, ts(occurredAt), eventId, ts(now))
                .update();
        if (rows == 1) {
            cache.changed(receipt); // an older event changes the history shown
        }
        return rows == 1;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
