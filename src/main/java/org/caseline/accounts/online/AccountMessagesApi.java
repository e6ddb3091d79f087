package org.caseline.accounts.online;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caseline.accounts.Applicants;
import org.caseline.accounts.SecureMessages;
import org.caseline.platform.Downloads;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Secure messages over HTTP, for the holder's own threads ({@code /api/account/messages}): as
 * JSON, or as {@code multipart/form-data} with files (PDF, JPEG, PNG; up to three of 5 MB).
 */
@RestController
class AccountMessagesApi {

    record NewThread(String subject, String text, String receiptNumber) {
    }

    record Reply(String text) {
    }

    private final SecureMessages secure;

    AccountMessagesApi(SecureMessages secure) {
        this.secure = secure;
    }

    @GetMapping("/api/account/messages")
    Map<String, Object> threads(Authentication who) {
        return Map.of("threads", secure.threads(id(who)).stream().map(AccountMessagesApi::summary).toList());
    }

    @PostMapping(path = "/api/account/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) NewThread body, Authentication who) {
        if (body == null) {
            throw new Applicants.Refused(422, "body", "Send subject, text and, for a question about a case, receiptNumber.");
        }
        return ResponseEntity.status(201).body(whole(secure.start(id(who), body.subject(), body.text(), body.receiptNumber(), List.of())));
    }

    @PostMapping(path = "/api/account/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> startWithFiles(@RequestParam(required = false) String subject, @RequestParam(required = false) String text,
                                                       @RequestParam(required = false) String receiptNumber,
                                                       @RequestParam(name = "files", required = false) List<MultipartFile> files,
                                                       Authentication who) {
        return ResponseEntity.status(201).body(whole(secure.start(id(who), subject, text, receiptNumber, attachments(files))));
    }

    @GetMapping("/api/account/messages/{thread}")
    Map<String, Object> thread(@PathVariable UUID thread, Authentication who) {
        return whole(secure.thread(id(who), thread)
                .orElseThrow(() -> new Applicants.Refused(404, "no-thread", "No message thread of yours has that id.")));
    }

    @PostMapping(path = "/api/account/messages/{thread}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> reply(@PathVariable UUID thread, @RequestBody(required = false) Reply body, Authentication who) {
        return whole(secure.reply(id(who), thread, body == null ? null : body.text(), List.of()));
    }

    @PostMapping(path = "/api/account/messages/{thread}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> replyWithFiles(@PathVariable UUID thread, @RequestParam(required = false) String text,
                                       @RequestParam(name = "files", required = false) List<MultipartFile> files, Authentication who) {
        return whole(secure.reply(id(who), thread, text, attachments(files)));
    }

    @GetMapping("/api/account/messages/attachments/{attachment}")
    ResponseEntity<byte[]> download(@PathVariable UUID attachment, Authentication who) {
        return file(secure.attachment(id(who), attachment)
                .orElseThrow(() -> new Applicants.Refused(404, "no-attachment", "No file of yours has that id.")));
    }

    static ResponseEntity<byte[]> file(SecureMessages.Download d) {
        return Downloads.attachment(d.name(), d.mediaType(), d.content());
    }

    static List<SecureMessages.Attachment> attachments(List<MultipartFile> files) {
        List<SecureMessages.Attachment> all = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                try {
                    all.add(new SecureMessages.Attachment(f.getOriginalFilename(), f.getBytes()));
                } catch (IOException e) {
                    throw new Applicants.Refused(400, "attachment", "A file did not arrive whole. Send it again.");
                }
            }
        }
        return all;
    }

    static Map<String, Object> summary(SecureMessages.Thread t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", t.id());
        o.put("subject", t.subject());
        o.put("receiptNumber", t.receiptNumber());
        o.put("status", t.status());
        o.put("createdAt", t.createdAt().toString());
        o.put("answerBy", t.answerBy().toString());
        return o;
    }

    static Map<String, Object> whole(SecureMessages.Thread t) {
        Map<String, Object> o = summary(t);
        o.put("messages", t.messages());
        return o;
    }

    private static UUID id(Authentication who) {
        return UUID.fromString(who.getName());
    }
}
