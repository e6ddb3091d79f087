package org.caseline.cases.api;

import java.util.List;

import org.caseline.cases.InvalidReceiptNumberException;
import org.caseline.cases.StaffCaseReads;
import org.caseline.cases.CaseStatusService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who read which case, and why: the audit log, for administrators ({@code /api/audit/**} is ADMIN only). */
@RestController
class CaseReadAuditApi {

    private final StaffCaseReads reads;
    private final CaseStatusService cases;

    CaseReadAuditApi(StaffCaseReads reads, CaseStatusService cases) {
        this.reads = reads;
        this.cases = cases;
    }

    @GetMapping("/api/audit/case-reads")
    ResponseEntity<?> search(@RequestParam(required = false) String username,
                             @RequestParam(required = false) String receiptNumber,
                             @RequestParam(defaultValue = "100") int limit) {
        String receipt = null;
        if (receiptNumber != null && !receiptNumber.isBlank()) {
            try {
                receipt = cases.parseReceipt(receiptNumber).value();
            } catch (InvalidReceiptNumberException e) {
                return ResponseEntity.unprocessableContent().body(java.util.Map.of("message", e.getMessage()));
            }
        }
        List<StaffCaseReads.AuditEntry> entries = reads.audit(username == null || username.isBlank() ? null : username.strip(),
                receipt, limit);
        return ResponseEntity.ok(entries);
    }
}
