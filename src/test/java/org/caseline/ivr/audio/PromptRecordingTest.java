package org.caseline.ivr.audio;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator hears a prompt as callers do, replaces its speech with a recording, and undoes it. */
@CaseLineTest
class PromptRecordingTest {

    @LocalServerPort
    int port;

    @Test
    void aRecordingReplacesThePromptsSpeechUntilItIsRemoved() throws Exception {
        byte[] spoken = wav("GET", "/api/ivr/prompts/goodbye/audio/es", null, 200);
        assertThat(seconds(spoken)).as("the synthesised goodbye").isBetween(1.0, 6.0);

        byte[] recording = tone(16000, 0.75);
        byte[] created = wav("PUT", "/api/ivr/prompts/goodbye/audio/es", recording, 201);
        assertThat(new String(created)).contains("\"seconds\":0.75");
        byte[] replaced = wav("GET", "/api/ivr/prompts/goodbye/audio/es", null, 200);
        assertThat(seconds(replaced)).as("the recording, at 8 kHz").isEqualTo(0.75);
        assertThat(seconds(wav("GET", "/api/ivr/prompts/goodbye/audio/en", null, 200)))
                .as("the English prompt keeps its speech").isNotEqualTo(0.75);

        wav("DELETE", "/api/ivr/prompts/goodbye/audio/es", null, 204);
        assertThat(seconds(wav("GET", "/api/ivr/prompts/goodbye/audio/es", null, 200))).isEqualTo(seconds(spoken));
    }

    @Test
    void whatCannotBeRecordedIsRefusedWithTheReason() throws Exception {
        assertThat(new String(wav("PUT", "/api/ivr/prompts/confirm-entry/audio/en", tone(8000, 1), 422)))
                .contains("placeholders");
        assertThat(new String(wav("PUT", "/api/ivr/prompts/welcome/audio/en", "not a wav file".getBytes(), 422)))
                .contains("not a WAV file");
        assertThat(new String(wav("PUT", "/api/ivr/prompts/no-such-prompt/audio/en", tone(8000, 1), 404)))
                .contains("no-such-prompt");
        assertThat(new String(wav("GET", "/api/ivr/prompts/welcome/audio/fr", null, 404))).contains("en or es");
    }

    @Test
    void onlyAdministratorsChangePrompts() throws Exception {
        Http http = new Http(port);
        HttpResponse<String> response = http.send(http.request("/api/ivr/prompts/welcome/audio/en")
                .header("Authorization", Http.basic("tier1", "demo"))
                .header("Content-Type", "audio/wav")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(tone(8000, 1)))).raw();
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private byte[] wav(String method, String path, byte[] body, int expectedStatus) throws Exception {
        Http http = new Http(port);
        HttpRequest.Builder request = http.request(path).header("Authorization", Http.basic("admin", "demo"))
                .header("Content-Type", "audio/wav")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(expectedStatus);
        return response.body();
    }

    /** Seconds of audio in an 8 kHz mu-law WAV file as the API returns it. */
    private static double seconds(byte[] wav) {
        assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
        return (wav.length - 44) / 8000.0;
    }

    /** A mono 16-bit PCM WAV file: a 440 Hz tone at {@code rate} Hz. */
    static byte[] tone(int rate, double seconds) {
        int samples = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * samples).putInt(0x45564157).putInt(0x20746d66).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).putInt(0x61746164).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return b.array();
    }
}
