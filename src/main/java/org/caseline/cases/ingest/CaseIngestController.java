package org.caseline.cases.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.cases.CaseAccessCodes;
import org.caseline.cases.CaseIdentities;
import org.caseline.cases.CaseIngestion;
import org.caseline.cases.CaseNotices;
import org.caseline.cases.CaseStatusService;
import org.caseline.cases.ReceiptNumber;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ingestion from the agency's case system: one case or one status event at a time, or a whole
 * file (CSV or JSON lines) imported in the background with a per-row error report.
 */
@RestController
@RequestMapping(path = "/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseIngestController {

    record CaseBody(String formType, LocalDate receivedDate, String officeCode, String applicantReference,
                    Boolean sentToDepartmentOfState, String status, Instant statusAt, Applicant applicant, String accessCode) {
    }

    /** Optional: who the applicant is, to match requests made without an account; never shown back. */
    record Applicant(String name, LocalDate dateOfBirth, String postalCode) {
    }

    record EventBody(String eventId, String status, Instant occurredAt) {
    }

    record NoticeBody(String eventId, String type, LocalDate sentOn) {
    }

    private final CaseStatusService cases;
    private final CaseIngestion ingestion;
    private final CaseImports imports;

    private final CaseIdentities identities;
    private final CaseAccessCodes accessCodes;
    private final CaseNotices notices;

    CaseIngestController(CaseStatusService cases, CaseIngestion ingestion, CaseImports imports, CaseIdentities identities,
                         CaseAccessCodes accessCodes, CaseNotices notices) {
        this.notices = notices;
        this.cases = cases;
        this.accessCodes = accessCodes;
        this.identities = identities;
        this.ingestion = ingestion;
        this.imports = imports;
    }

    @PutMapping(path = "/{receipt}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> putCase(@PathVariable String receipt, @RequestBody CaseBody body) {
        ReceiptNumber number = cases.parseReceipt(receipt);
        CaseIdentities.Identity applicant = body.applicant() == null ? null
                : new CaseIdentities.Identity(body.applicant().name(), body.applicant().dateOfBirth(), body.applicant().postalCode());
        if (applicant != null) {
            CaseIdentities.requireComplete(applicant);
        }
        if (body.accessCode() != null && !body.accessCode().strip().matches("[A-Za-z0-9-]{6,20}")) {
            throw new org.caseline.cases.InvalidCaseDataException("accessCode", "The access code is 6 to 20 letters, digits or dashes.");
        }
        var outcome = ingestion.upsert(number, new CaseIngestion.CaseData(body.formType(), body.receivedDate(),
                body.officeCode(), body.applicantReference(), body.sentToDepartmentOfState(), body.status(), body.statusAt()));
        if (applicant != null) {
            identities.record(number, applicant);
        }
        if (body.accessCode() != null) {
            accessCodes.assign(number, body.accessCode());
        }
        return ResponseEntity.status(outcome == CaseIngestion.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("receiptNumber", number.value(), "outcome", outcome.name()));
    }

    @PostMapping(path = "/{receipt}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> appendEvent(@PathVariable String receipt, @RequestBody EventBody body) {
        ReceiptNumber number = cases.parseReceipt(receipt);
        var outcome = ingestion.append(number, new CaseIngestion.StatusEvent(body.eventId(), body.status(), body.occurredAt()));
        return ResponseEntity.status(outcome == CaseIngestion.EventOutcome.RECORDED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("receiptNumber", number.value(), "eventId", body.eventId(), "outcome", outcome.name()));
    }

    /** A notice the agency mailed about the case (types in {@code catalogue/notices.yaml}); idempotent per event id. */
    @PostMapping(path = "/{receipt}/notices", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> recordNotice(@PathVariable String receipt, @RequestBody NoticeBody body) {
        ReceiptNumber number = cases.parseReceipt(receipt);
        boolean recorded = notices.record(number, new CaseNotices.NoticeEvent(body.eventId(), body.type(), body.sentOn()));
        return ResponseEntity.status(recorded ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("receiptNumber", number.value(), "eventId", body.eventId(), "outcome",
                        recorded ? "RECORDED" : "ALREADY_RECORDED"));
    }

    /**
     * Starts an import of the request body. The format comes from {@code ?format=csv|jsonl}, or
     * else from the content type ({@code text/csv}, {@code application/x-ndjson}).
     */
    @PostMapping("/imports")
    ResponseEntity<CaseImports.Job> startImport(HttpServletRequest request,
                                                @RequestParam(required = false) String format,
                                                @RequestParam(name = "name", required = false) String fileName,
                                                Authentication who) throws IOException {
        CaseImports.Format chosen = chooseFormat(format, request.getContentType());
        CaseImports.Job job;
        try (InputStream body = request.getInputStream()) {
            job = imports.start(body, chosen, fileName == null ? "upload" : fileName, who.getName());
        }
        return ResponseEntity.accepted().location(URI.create("/api/cases/imports/" + job.id())).body(job);
    }

    @GetMapping("/imports/{id}")
    ResponseEntity<CaseImports.Job> importProgress(@PathVariable UUID id) {
        return ResponseEntity.of(imports.find(id));
    }

    private static CaseImports.Format chooseFormat(String format, String contentType) {
        String wanted = format != null ? format
                : contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (wanted.equalsIgnoreCase("csv") || wanted.startsWith("text/csv")) {
            return CaseImports.Format.CSV;
        }
        if (wanted.equalsIgnoreCase("jsonl") || wanted.startsWith("application/x-ndjson")
                || wanted.startsWith("application/jsonl")) {
            return CaseImports.Format.JSONL;
        }
        throw new IllegalArgumentException("Say the file's format: ?format=csv or ?format=jsonl "
                + "(or send Content-Type text/csv or application/x-ndjson).");
    }
}
