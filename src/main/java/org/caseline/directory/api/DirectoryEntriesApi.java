package org.caseline.directory.api;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.DirectoryEntries;
import org.caseline.platform.VersionedFiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Keeping the directory one entry at a time (administrators). {@code kind} is one of
 * {@link DirectoryEntries#KINDS}: offices, forms, filing-rules, lockboxes, news, events,
 * civil-surgeons, legal-help.
 * <ul>
 * <li>{@code GET /api/directory/entries}: the kinds, with their fields and how many entries;</li>
 * <li>{@code GET /api/directory/entries/{kind}} and {@code .../{kind}/{key}}: the entries as in their file;</li>
 * <li>{@code PUT .../{kind}/{key}} the entry as JSON (the file's field names): replaced, or added
 * when no entry has that name (201); {@code POST .../{kind}} adds one; {@code DELETE} removes one;</li>
 * <li>{@code GET /api/directory/{kind}.csv}, {@code PUT /api/directory/{kind}.csv}: the whole kind
 * as a spreadsheet, every bad row reported (422 with {@code rows}) and nothing changed.</li>
 * </ul>
 * A change answers with the new version; {@code If-Match: "N"} makes it refused with 412 unless
 * version N is still live; {@code ?note=} says why, in the history.
 */
@RestController
@RequestMapping("/api/directory")
class DirectoryEntriesApi {

    private final DirectoryEntries entries;

    DirectoryEntriesApi(DirectoryEntries entries) {
        this.entries = entries;
    }

    @GetMapping("/entries")
    Map<String, Object> kinds() {
        return Map.of("kinds", DirectoryEntries.KINDS.stream().map(k -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", k.name());
            o.put("file", k.file());
            o.put("namedBy", k.key() == null ? "position" : k.key());
            o.put("fields", entries.fields(k));
            o.put("count", entries.entries(k).size());
            return o;
        }).toList());
    }

    @GetMapping("/entries/{kind}")
    Map<String, Object> list(@PathVariable String kind) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        return Map.of("kind", k.name(), "entries", entries.entries(k).stream().map(DirectoryEntriesApi::entry).toList());
    }

    @GetMapping("/entries/{kind}/{key}")
    Map<String, Object> one(@PathVariable String kind, @PathVariable String key) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        return entry(entries.entry(k, key).orElseThrow(() -> new Directory.NotFoundException("No " + k.name() + " entry " + key)));
    }

    @PutMapping("/entries/{kind}/{key}")
    ResponseEntity<Map<String, Object>> put(@PathVariable String kind, @PathVariable String key,
                                            @RequestBody(required = false) Map<String, Object> body,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @RequestParam(required = false) String note, Principal who) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        boolean exists = entries.entry(k, key).isPresent();
        VersionedFiles.Version v = entries.put(k, key, cells(body), version(ifMatch), who.getName(), note);
        return ResponseEntity.status(exists ? HttpStatus.OK : HttpStatus.CREATED).body(DirectoryAdminApi.version(v));
    }

    @PostMapping("/entries/{kind}")
    ResponseEntity<Map<String, Object>> add(@PathVariable String kind, @RequestBody(required = false) Map<String, Object> body,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @RequestParam(required = false) String note, Principal who) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        Map<String, String> cells = cells(body);
        VersionedFiles.Version v = entries.put(k, null, cells, version(ifMatch), who.getName(), note);
        String key = k.key() == null ? String.valueOf(entries.entries(k).size()) : String.valueOf(cells.get(k.key()));
        return ResponseEntity.created(URI.create("/api/directory/entries/" + k.name() + "/" + UriUtils.encodePathSegment(key,
                java.nio.charset.StandardCharsets.UTF_8))).body(DirectoryAdminApi.version(v));
    }

    @DeleteMapping("/entries/{kind}/{key}")
    Map<String, Object> remove(@PathVariable String kind, @PathVariable String key,
                               @RequestHeader(value = "If-Match", required = false) String ifMatch,
                               @RequestParam(required = false) String note, Principal who) {
        return DirectoryAdminApi.version(entries.remove(DirectoryEntries.kind(kind), key, version(ifMatch), who.getName(), note));
    }

    @GetMapping(value = "/{kind}.csv", produces = "text/csv")
    ResponseEntity<String> exportCsv(@PathVariable String kind) {
        DirectoryEntries.Kind k = DirectoryEntries.kind(kind);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + k.name() + ".csv\"")
                .body(entries.exportCsv(k));
    }

    @PutMapping(value = "/{kind}.csv", consumes = {"text/csv", "text/plain"})
    ResponseEntity<Map<String, Object>> importCsv(@PathVariable String kind, @RequestBody(required = false) String csv,
                                                  @RequestParam(required = false) String note, Principal who) {
        VersionedFiles.Version v = entries.importCsv(DirectoryEntries.kind(kind), csv, who.getName(), note);
        return ResponseEntity.status(HttpStatus.CREATED).body(DirectoryAdminApi.version(v));
    }

    private static Map<String, Object> entry(DirectoryEntries.Entry e) {
        return Map.of("key", e.key(), "entry", e.fields());
    }

    /** The JSON entry as the cells {@link DirectoryEntries#put} reads: nested objects flattened the way its file nests them. */
    private static Map<String, String> cells(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw new DirectoryData.InvalidFilesException("Send the entry as JSON, with the field names of its file");
        }
        return DirectoryEntries.cells(new DirectoryEntries.Entry(null, body));
    }

    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String number = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (!number.matches("[0-9]{1,9}")) {
            throw new Directory.MalformedException("If-Match is the version number the change was made against, like \"12\"");
        }
        return Integer.parseInt(number);
    }
}
