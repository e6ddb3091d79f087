package org.caseline.analytics.web;

import java.util.Map;

import org.caseline.analytics.BestTimes;
import org.caseline.analytics.Reports;
import org.caseline.analytics.Staffing;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** What the analytics API refuses, in the usual {@code {"code", "message"}}: 400 for a malformed question, 404 for no such line. */
@RestControllerAdvice(basePackageClasses = AnalyticsErrors.class)
class AnalyticsErrors {

    @ExceptionHandler({Reports.InvalidReportException.class, Staffing.InvalidStaffingException.class})
    ResponseEntity<Map<String, String>> invalid(RuntimeException e) {
        return bad(e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> impossible(IllegalArgumentException e) {
        return bad(e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return bad(e.getParameterName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mistyped(MethodArgumentTypeMismatchException e) {
        return bad(e.getName() + " must be a number, not \"" + e.getValue() + "\"");
    }

    @ExceptionHandler(BestTimes.UnknownLineException.class)
    ResponseEntity<Map<String, String>> unknownLine(BestTimes.UnknownLineException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", "404", "message", e.getMessage()));
    }

    private static ResponseEntity<Map<String, String>> bad(String message) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("code", "400", "message", message));
    }
}
