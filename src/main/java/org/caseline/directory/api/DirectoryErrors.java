package org.caseline.directory.api;

import java.util.Map;

import java.util.LinkedHashMap;

import org.caseline.directory.Directory;
import org.caseline.directory.DirectoryData;
import org.caseline.directory.DirectoryEntries;
import org.caseline.directory.OfficesCsv;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the directory's APIs refuse, in their {@code {"code", "message"}}: 400 for a malformed
 * question, 404 for no such thing, 422 for a change with problems (with {@code rows} for a CSV
 * file's), 412 for a change made against a version that is no longer live.
 */
@RestControllerAdvice(basePackageClasses = DirectoryErrors.class)
class DirectoryErrors {

    @ExceptionHandler(Directory.MalformedException.class)
    ResponseEntity<Map<String, String>> malformed(Directory.MalformedException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("code", "400", "message", e.getMessage()));
    }

    @ExceptionHandler(Directory.NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(Directory.NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("code", "404", "message", e.getMessage()));
    }

    @ExceptionHandler(DirectoryData.InvalidFilesException.class)
    ResponseEntity<Map<String, String>> invalid(DirectoryData.InvalidFilesException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("code", "422", "message", e.getMessage()));
    }

    @ExceptionHandler(OfficesCsv.RowsRefusedException.class)
    ResponseEntity<Map<String, Object>> rowsRefused(OfficesCsv.RowsRefusedException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "422");
        body.put("message", e.getMessage() + "; nothing changed");
        body.put("rows", e.problems().stream().map(p -> Map.of("row", p.row(), "code", p.code(), "problem", p.problem())).toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }

    @ExceptionHandler(DirectoryEntries.StaleVersionException.class)
    ResponseEntity<Map<String, String>> stale(DirectoryEntries.StaleVersionException e) {
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(Map.of("code", "412", "message", e.getMessage()));
    }
}
