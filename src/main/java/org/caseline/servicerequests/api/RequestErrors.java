package org.caseline.servicerequests.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.servicerequests.ServiceReference;
import org.caseline.servicerequests.ServiceRequestRefused;
import org.caseline.servicerequests.ServiceRequests;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the service request APIs answer to a filing, and what they refuse, as {@code {"code", "message", "problems"}}: 404 for no such
 * request (or one of another office), 422 for a field or rule that failed, 403 for a channel or
 * role that may not, 409 for a step the request's state does not allow, 400 for a malformed reference.
 */
@RestControllerAdvice(basePackageClasses = RequestErrors.class)
class RequestErrors {

    /** What every channel's filing answers: 201 with the reference, office, due date and status; 200 with "duplicate" for an open one. */
    static ResponseEntity<Map<String, Object>> filed(ServiceRequests.Filed filed) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reference", filed.reference().value());
        answer.put("office", filed.office());
        answer.put("dueDate", filed.dueDate().toString());
        answer.put("status", filed.status().name());
        if (filed.duplicate()) {
            answer.put("duplicate", true);
        }
        return ResponseEntity.status(filed.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(answer);
    }

    @ExceptionHandler(ServiceRequestRefused.class)
    ResponseEntity<Map<String, Object>> refused(ServiceRequestRefused e) {
        HttpStatus status = switch (e.why()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        body.put("problems", e.problems());
        return ResponseEntity.status(status).body(body);
    }

    @ExceptionHandler(ServiceReference.Malformed.class)
    ResponseEntity<Map<String, Object>> malformed(ServiceReference.Malformed e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("code", "reference", "message", e.getMessage(), "problems",
                List.of(new ServiceRequestRefused.Problem("reference", "reference", e.getMessage()))));
    }
}
