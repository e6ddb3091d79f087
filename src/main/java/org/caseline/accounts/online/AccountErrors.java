package org.caseline.accounts.online;

import java.util.Map;

import org.caseline.accounts.Applicants;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** What the account APIs refuse, as {@code {"code", "message"}}: the status says what kind of no it is. */
@RestControllerAdvice(assignableTypes = {AccountApi.class, AccountMessagesApi.class})
class AccountErrors {

    @ExceptionHandler(Applicants.Refused.class)
    ResponseEntity<Map<String, String>> refused(Applicants.Refused e) {
        return ResponseEntity.status(e.status()).body(Map.of("code", e.code(), "message", e.getMessage()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(413).body(Map.of("code", "attachment-size", "message",
                "The files are too large: each may be 5 MB, and a message with its files 16 MB."));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, String>> broken(MultipartException e) {
        return ResponseEntity.status(400).body(Map.of("code", "multipart", "message", "The form with its files did not arrive whole. Send it again."));
    }
}
