package org.caseline.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.caseline.cases.store.CaseStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff reads of cases, each written to the audit log in the same transaction as the read: who,
 * which case, why (the interaction they were handling), and how much they saw. An administrator
 * can search the log by person or by case.
 */
@Service
public class StaffCaseReads {

    /** Everything the agency holds on the case: the public view, and what only officers see. */
    public record CaseDetails(CaseStatusView view, String applicantReference) {
    }

    public record AuditEntry(Instant at, String username, String receiptNumber, String purpose, String detail) {
    }

    private final CaseStatusService cases;
    private final CaseStore store;
    private final JdbcClient jdbc;
    private final Clock clock;

    StaffCaseReads(CaseStatusService cases, CaseStore store, JdbcClient jdbc, Clock clock) {
        this.cases = cases;
        this.store = store;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The public status, as a Tier 1 representative may read it to a caller. */
    @Transactional
    public Optional<CaseStatusView> publicStatus(ReceiptNumber receipt, String username, String purpose) {
        Optional<CaseStatusView> view = cases.findStatus(receipt);
        audit(username, receipt, purpose, view.isPresent() ? "public status" : "public status (no such case)");
        return view;
    }

    /** The full details: only for an officer whose caller's identity is verified (the caller checks that). */
    @Transactional
    public Optional<CaseDetails> fullDetails(ReceiptNumber receipt, String username, String purpose) {
        Optional<CaseStatusView> view = cases.findStatus(receipt);
        audit(username, receipt, purpose, view.isPresent() ? "full details" : "full details (no such case)");
        return view.map(v -> new CaseDetails(v, store.find(receipt.value()).map(CaseStore.CaseRow::applicantReference).orElse(null)));
    }

    /** The audit log, newest first, filtered by user name and/or receipt number (either may be null). */
    public List<AuditEntry> audit(String username, String receipt, int limit) {
        return jdbc.sql("""
                        select at, username, receipt_number, purpose, detail from case_read_audit
                        where (?::text is null or username = ?) and (?::text is null or receipt_number = ?)
                        order by at desc, id desc limit ?""")
                .params(username, username, receipt, receipt, Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> new AuditEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3).strip(),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    private void audit(String username, ReceiptNumber receipt, String purpose, String detail) {
        jdbc.sql("insert into case_read_audit (at, username, receipt_number, purpose, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), username, receipt.value(), purpose, detail)
                .update();
    }
}
