package org.caseline.ivr.audio;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * Not a test: the way to run {@link AudioBundleBuilder} with the build's JDK
 * ({@code tools/render-prompt-audio.sh}). Its name keeps it out of {@code mvn verify}.
 */
class RenderPromptAudio {

    @Test
    void render() throws IOException {
        AudioBundleBuilder.main(new String[0]);
    }
}
