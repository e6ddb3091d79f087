package org.caseline.ivr.admin;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.ivr.FlowVersions;
import org.caseline.platform.VersionedFiles;
import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.InvalidFlowException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators change the phone menus without a restart: send changed files (or reload them
 * from {@code caseline.ivr.location}); they go live only if the whole set passes the checks, and
 * otherwise every problem comes back with its file and line and nothing changes.
 */
@RestController
@RequestMapping(path = "/api/ivr/flows", produces = MediaType.APPLICATION_JSON_VALUE)
class FlowAdminApi {

    record Change(Map<String, String> files, String note) {
    }

    private final FlowVersions versions;
    private final String location;

    FlowAdminApi(FlowVersions versions, @Value("${caseline.ivr.location:classpath:ivr}") String location) {
        this.versions = versions;
        this.location = location;
    }

    @GetMapping
    VersionedFiles.Version live() {
        return versions.currentVersion();
    }

    @GetMapping("/versions")
    List<VersionedFiles.Version> history() {
        return versions.history();
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VersionedFiles.Version> change(@RequestBody Change change, Principal who) {
        if (change == null || change.files() == null || change.files().isEmpty()) {
            throw new IllegalArgumentException("Send {\"files\": {\"flows/main.yaml\": \"...\"}, \"note\": \"why\"}.");
        }
        var version = versions.change(change.files(), who.getName(), change.note());
        return ResponseEntity.created(URI.create("/api/ivr/flows/versions/" + version.number())).body(version);
    }

    @PostMapping("/reload")
    ResponseEntity<VersionedFiles.Version> reload(Principal who) {
        var version = versions.change(FlowFiles.read(location), who.getName(), "reloaded from " + location);
        return ResponseEntity.status(HttpStatus.CREATED).body(version);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalid(InvalidFlowException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 422);
        body.put("error", "invalid_flows");
        body.put("message", "The flows were not changed: " + e.problems().size() + " problem(s).");
        body.put("problems", e.problems());
        return ResponseEntity.unprocessableContent().body(body);
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.unprocessableContent().body(Map.of("status", 422, "error", "bad_request", "message", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "error", "unreadable_body",
                "message", "The body is not the JSON this endpoint takes."));
    }
}
