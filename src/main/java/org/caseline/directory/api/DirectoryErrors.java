package org.caseline.directory.api;

import java.util.Map;

import org.caseline.directory.Directory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What the directory's APIs refuse, in their {@code {"code", "message"}}: 400 for a malformed question, 404 for no such thing. */
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
}
