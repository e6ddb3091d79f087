package org.caseline.routing.api;

import java.util.Map;

import org.caseline.routing.Router;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What routing refuses, said plainly: 422 for a request that names the wrong thing, 409 for one that comes too late. */
@RestControllerAdvice
class RoutingErrors {

    @ExceptionHandler(Router.InvalidRequestException.class)
    ResponseEntity<Map<String, String>> invalid(Router.InvalidRequestException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler(Router.ConflictException.class)
    ResponseEntity<Map<String, String>> conflict(Router.ConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", e.getMessage()));
    }
}
