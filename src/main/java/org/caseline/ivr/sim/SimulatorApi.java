package org.caseline.ivr.sim;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.caseline.ivr.IvrService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web phone, as JSON, for staff, scripts and tests: dial a line, press keys, hang up. Its
 * calls run through the same interpreter and leave the same call records as phone calls.
 */
@RestController
@RequestMapping(path = "/api/sim/calls", produces = MediaType.APPLICATION_JSON_VALUE)
class SimulatorApi {

    record Dial(String line, String caller) {
    }

    record Keys(String keys) {
    }

    private final IvrService ivr;

    SimulatorApi(IvrService ivr) {
        this.ivr = ivr;
    }

    @PostMapping
    ResponseEntity<IvrService.Turn> dial(@RequestBody Dial dial) {
        if (dial == null || dial.line() == null || dial.line().isBlank()) {
            throw new IllegalArgumentException("Say which line to call: {\"line\": \"18003755283\"}.");
        }
        String caller = dial.caller() == null ? "simulator" : dial.caller();
        var turn = ivr.start(dial.line(), caller, "SIMULATOR", "sim-" + UUID.randomUUID());
        return ResponseEntity.created(URI.create("/api/calls/" + turn.callId())).body(turn);
    }

    @PostMapping("/{id}/keys")
    IvrService.Turn press(@PathVariable String id, @RequestBody Keys keys) {
        if (keys == null || keys.keys() == null || keys.keys().isEmpty() || keys.keys().length() > 64
                || !keys.keys().matches("[0-9*#]+")) {
            throw new IllegalArgumentException("Keys are the phone's keys: 0-9, * and #, at most 64 at a time.");
        }
        return ivr.keys(id, keys.keys());
    }

    @PostMapping("/{id}/silence")
    IvrService.Turn silence(@PathVariable String id) {
        return ivr.noInput(id);
    }

    @DeleteMapping("/{id}")
    IvrService.Turn hangUp(@PathVariable String id) {
        return ivr.hangUp(id);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unknownLine(IvrService.UnknownLineException e) {
        return error(HttpStatus.NOT_FOUND, "unknown_line", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unknownCall(IvrService.UnknownCallException e) {
        return error(HttpStatus.NOT_FOUND, "unknown_call", e.getMessage() + " (it may have ended).");
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, "bad_request", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "unreadable_body", "The body is not the JSON this endpoint takes.");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", code);
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }
}
