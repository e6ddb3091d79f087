package org.caseline.ivr.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caseline.ivr.Lines;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff read call records: one call with every step, or a filtered list. */
@RestController
@RequestMapping(path = "/api/calls", produces = MediaType.APPLICATION_JSON_VALUE)
class CallRecordsApi {

    private static final Set<String> OUTCOMES = Set.of("IN_PROGRESS", "SELF_SERVICE", "TRANSFERRED", "CALLBACK_REQUESTED", "ABANDONED", "ERROR");

    private final CallRecords records;

    CallRecordsApi(CallRecords records) {
        this.records = records;
    }

    @GetMapping("/{id}")
    ResponseEntity<CallRecords.CallView> call(@PathVariable String id) {
        return ResponseEntity.of(records.find(id));
    }

    @GetMapping
    ResponseEntity<?> list(@RequestParam(required = false) String line,
                           @RequestParam(required = false) String outcome,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                           @RequestParam(defaultValue = "100") int limit) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            return ResponseEntity.unprocessableContent().body(Map.of("error", "bad_outcome",
                    "message", "outcome is one of " + OUTCOMES.stream().sorted().toList()));
        }
        List<CallRecords.CallView> calls = records.list(line == null ? null : Lines.normalise(line), outcome, from, to,
                Math.max(1, Math.min(limit, 1000)));
        return ResponseEntity.ok(calls);
    }
}
