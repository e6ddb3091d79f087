package org.caseline.messaging.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.messaging.OfficeMail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The office boxes for administrators: each one read or not (and since when, and why not), how it
 * waits for mail (IDLE or looking every while), when it last looked, and what became of the mail
 * it read (new threads, added to threads, automatic mail left unanswered, our own).
 */
@RestController
class MailboxesApi {

    private final OfficeBoxReader reader;
    private final OfficeMail officeMail;

    MailboxesApi(OfficeBoxReader reader, OfficeMail officeMail) {
        this.reader = reader;
        this.officeMail = officeMail;
    }

    @GetMapping("/api/mail/mailboxes")
    List<Map<String, Object>> mailboxes() {
        List<OfficeMail.Count> counts = officeMail.counts();
        return reader.states().stream().map(state -> {
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("mailbox", state.mailbox());
            box.put("office", state.office());
            box.put("queue", state.queue());
            box.put("up", state.up());
            box.put("mode", state.mode());
            box.put("since", state.since() == null ? null : state.since().toString());
            box.put("lastLook", state.lastLook() == null ? null : state.lastLook().toString());
            box.put("lastError", state.lastError());
            Map<String, Long> outcomes = new LinkedHashMap<>();
            counts.stream().filter(c -> c.mailbox().equals(state.mailbox())).forEach(c -> outcomes.put(c.outcome(), c.mails()));
            box.put("mails", outcomes);
            return box;
        }).toList();
    }
}
