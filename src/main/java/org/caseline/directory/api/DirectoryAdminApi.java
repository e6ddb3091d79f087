package org.caseline.directory.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.directory.DirectoryData;
import org.caseline.directory.OfficesCsv;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    /** The offices as CSV, one row an office, to edit in a spreadsheet. */
    @GetMapping(value = "/offices.csv", produces = "text/csv")
    ResponseEntity<String> officesCsv() {
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"offices.csv\"")
                .body(OfficesCsv.export(data.offices()));
    }

    /** The offices from CSV: every row checked (422 lists each problem with its row), then the whole file. */
    @PutMapping(value = "/offices.csv", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Map<String, Object>> importOffices(@RequestBody(required = false) String csv,
                                                      @org.springframework.web.bind.annotation.RequestParam(required = false) String note,
                                                      Principal who) {
        String yaml = OfficesCsv.toYaml(csv, data.currentVersion().files().get("offices.yaml"), data.offices());
        VersionedFiles.Version v = data.change(Map.of("offices.yaml", yaml), who.getName(),
                note == null ? "offices imported from CSV" : note);
        return ResponseEntity.status(HttpStatus.CREATED).body(version(v));
    }

    @ExceptionHandler(OfficesCsv.RowsRefusedException.class)
    ResponseEntity<Map<String, Object>> rowsRefused(OfficesCsv.RowsRefusedException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "422");
        body.put("message", e.getMessage() + "; nothing changed");
        body.put("rows", e.problems().stream().map(p -> Map.of("row", p.row(), "code", p.code(), "problem", p.problem())).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }

    private static Map<String, Object> version(VersionedFiles.Version v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", v.number());
        body.put("changedBy", v.changedBy());
        body.put("changedAt", v.changedAt().toString());
        body.put("note", v.note());
        return body;
    }

    @ExceptionHandler(DirectoryData.InvalidFilesException.class)
    ResponseEntity<Map<String, String>> invalid(DirectoryData.InvalidFilesException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("code", "422", "message", e.getMessage()));
    }
}
