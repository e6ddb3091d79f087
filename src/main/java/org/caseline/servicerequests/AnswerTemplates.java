package org.caseline.servicerequests;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How an office begins its answers: its own text per request type and language, else the shipped
 * one ({@code sr.template.<type>} in the messages, else {@code sr.template}). The office edits
 * it; the answer form starts from it, in the requester's language.
 */
@Service
public class AnswerTemplates {

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final RequestTypes types;
    private final Clock clock;

    AnswerTemplates(JdbcClient jdbc, MessageSource messages, RequestTypes types, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.types = types;
        this.clock = clock;
    }

    /** The text an answer to a request of {@code type} at {@code office} starts from, in {@code language}. */
    public String forAnswer(String office, String type, Locale language) {
        return own(office, type, language.getLanguage()).orElseGet(() -> shipped(type, language));
    }

    /** Every type's template at an office, in both languages: {type: {en, es}}. */
    public Map<String, Map<String, String>> all(String office) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (RequestTypes.RequestType t : types.all()) {
            all.put(t.code(), Map.of("en", forAnswer(office, t.code(), Locale.ENGLISH), "es", forAnswer(office, t.code(), Locale.forLanguageTag("es"))));
        }
        return all;
    }

    /**
     * Sets an office's own template.
     *
     * @throws ServiceRequestRefused for an unknown type or language, or a text empty or too long
     */
    public void set(String office, String type, String language, String text, String by) {
        if (types.type(type).isEmpty()) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.NOT_FOUND, "unknown-type", "There is no request type " + type + ".");
        }
        if (!"en".equals(language) && !"es".equals(language)) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "language", "The language must be en or es.");
        }
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 5000) {
            throw new ServiceRequestRefused(ServiceRequestRefused.Why.INVALID, "text", "text is required, at most 5000 characters");
        }
        jdbc.sql("""
                        insert into service_request_template (office_code, type, language, text, changed_by, changed_at) values (?, ?, ?, ?, ?, ?)
                        on conflict (office_code, type, language) do update set text = excluded.text, changed_by = excluded.changed_by,
                            changed_at = excluded.changed_at""")
                .params(office, type, language, t, by, Timestamp.from(clock.instant())).update();
    }

    private Optional<String> own(String office, String type, String language) {
        return jdbc.sql("select text from service_request_template where office_code = ? and type = ? and language = ?")
                .params(office, type, language).query(String.class).optional();
    }

    private String shipped(String type, Locale language) {
        return messages.getMessage("sr.template." + type, null, messages.getMessage("sr.template", null, language), language);
    }
}
