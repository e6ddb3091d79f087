package org.caseline.directory.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.directory.DirectoryData;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keeping the directory (administrators): {@code GET /api/directory/files} (the live version and
 * its files), {@code PUT /api/directory/files} {@code {"files": {"offices.yaml": "..."}, "note"}}
 * (changed files only; live at once on every node if they pass the checks, else 422 with what is
 * wrong and nothing changed), {@code GET /api/directory/versions}.
 */
@RestController
@RequestMapping("/api/directory")
class DirectoryAdminApi {

    record Change(Map<String, String> files, String note) {
    }

    private final DirectoryData data;

    DirectoryAdminApi(DirectoryData data) {
        this.data = data;
    }

    @GetMapping("/files")
    Map<String, Object> files() {
        VersionedFiles.Version v = data.currentVersion();
        Map<String, Object> body = version(v);
        body.put("files", v.files());
        return body;
    }

    @GetMapping("/versions")
    List<Map<String, Object>> versions() {
        return data.history().stream().map(DirectoryAdminApi::version).toList();
    }

    @PutMapping("/files")
    ResponseEntity<Map<String, Object>> change(@RequestBody(required = false) Change change, Principal who) {
        if (change == null || change.files() == null || change.files().isEmpty()) {
            throw new DirectoryData.InvalidFilesException("Send {\"files\": {\"offices.yaml\": \"...\"}, \"note\": \"why\"} with the changed files");
        }
        VersionedFiles.Version v = data.change(change.files(), who.getName(), change.note());
        return ResponseEntity.status(HttpStatus.CREATED).body(version(v));
    }

    static Map<String, Object> version(VersionedFiles.Version v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", v.number());
        body.put("changedBy", v.changedBy());
        body.put("changedAt", v.changedAt().toString());
        body.put("note", v.note());
        return body;
    }
}
