package org.caseline.ivr.audio;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recordings that administrators upload to replace a prompt's synthesised speech. Looked up on
 * every prompt, so kept briefly in memory; another node sees a new recording within seconds.
 */
@Repository
class PromptRecordings {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<String, Optional<byte[]>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(10_000).build();

    PromptRecordings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    byte[] find(String promptId, String language) {
        return cache.get(promptId + "|" + language, k -> jdbc
                .sql("select audio from ivr_prompt_recording where prompt_id = ? and language = ?")
                .params(promptId, language).query(byte[].class).optional()).orElse(null);
    }

    void save(String promptId, String language, byte[] ulaw, String by) {
        jdbc.sql("""
                        insert into ivr_prompt_recording (prompt_id, language, audio, uploaded_by, uploaded_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (prompt_id, language) do update
                            set audio = excluded.audio, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at""")
                .params(promptId, language, ulaw, by, Timestamp.from(clock.instant())).update();
        cache.invalidate(promptId + "|" + language);
    }

    boolean delete(String promptId, String language) {
        cache.invalidate(promptId + "|" + language);
        return jdbc.sql("delete from ivr_prompt_recording where prompt_id = ? and language = ?")
                .params(promptId, language).update() > 0;
    }
}
