package org.caseline.cases.ingest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.caseline.cases.CaseNotFoundException;
import org.caseline.cases.InvalidCaseDataException;
import org.caseline.cases.InvalidReceiptNumberException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Clear, specific errors for the ingestion API; nothing the case system sends becomes a 500. */
@RestControllerAdvice(assignableTypes = CaseIngestController.class)
class IngestErrors {

    private final MessageSource messages;

    IngestErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> receipt(InvalidReceiptNumberException e) {
        return body(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_receipt_number", "receiptNumber",
                e.describe(messages, Locale.ENGLISH));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> data(InvalidCaseDataException e) {
        return body(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_data", e.field(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notFound(CaseNotFoundException e) {
        return body(HttpStatus.NOT_FOUND, "case_not_found", "receiptNumber",
                "No case has this receipt number. Create the case (PUT /api/cases/{receipt}) before its events.");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "unreadable_body", null,
                "The body is not the JSON this endpoint takes (check field types, dates as 2025-01-31, "
                        + "times as 2025-01-31T14:00:00Z).");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_parameter", e.getName(), "The " + e.getName() + " is not valid.");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", null, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String error, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }
}
