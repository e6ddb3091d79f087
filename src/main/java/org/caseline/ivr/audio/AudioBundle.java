package org.caseline.ivr.audio;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Pre-rendered speech for one language: phrases (whole prompts, the pieces around their
 * placeholders, status wordings, numbers, letters, month names...) and their 8 kHz mu-law
 * audio. On a machine without a speech synthesiser, a text is spoken by joining the longest
 * phrases it is made of.
 */
final class AudioBundle {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\"'“(¿¡]+|[\"'”),.:;!?]+$");

    /** What a text sounds like made of phrases, and the words no phrase covered. */
    record Composition(byte[] ulaw, List<String> missing) {
    }

    private final Map<String, byte[]> phrases;
    private final int longestPhrase;

    AudioBundle(Map<String, byte[]> phrases) {
        this.phrases = phrases;
        this.longestPhrase = phrases.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
    }

    static AudioBundle empty() {
        return new AudioBundle(Map.of());
    }

    int size() {
        return phrases.size();
    }

    /** The words a text is compared by: lower case, without the punctuation around them. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : SPACES.split(text.strip())) {
            String word = EDGE_PUNCTUATION.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("");
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    static String key(String text) {
        return String.join(" ", words(text));
    }

    byte[] exact(String text) {
        return phrases.get(key(text));
    }

    Composition compose(String text) {
        List<String> words = words(text);
        List<byte[]> clips = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int i = 0;
        next:
        while (i < words.size()) {
            for (int length = Math.min(longestPhrase, words.size() - i); length >= 1; length--) {
                byte[] clip = phrases.get(String.join(" ", words.subList(i, i + length)));
                if (clip != null) {
                    clips.add(clip);
                    i += length;
                    continue next;
                }
            }
            // an unknown word: read it out one character at a time, as far as the characters are known
            String word = words.get(i++);
            boolean spelled = true;
            for (String c : word.split("")) {
                byte[] clip = phrases.get(c);
                if (clip != null) {
                    clips.add(clip);
                } else if (Character.isLetterOrDigit(c.charAt(0))) {
                    spelled = false;
                }
            }
            if (!spelled) {
                missing.add(word);
            }
        }
        int length = clips.stream().mapToInt(c -> c.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] clip : clips) {
            System.arraycopy(clip, 0, out, at, clip.length);
            at += clip.length;
        }
        return new Composition(out, missing);
    }

    static AudioBundle read(InputStream in) throws IOException {
        Map<String, byte[]> phrases = new HashMap<>();
        try (DataInputStream data = new DataInputStream(new XZInputStream(in))) {
            int count = data.readInt();
            for (int i = 0; i < count; i++) {
                byte[] text = data.readNBytes(data.readInt());
                byte[] audio = data.readNBytes(data.readInt());
                phrases.put(new String(text, StandardCharsets.UTF_8), audio);
            }
        }
        return new AudioBundle(phrases);
    }

    static void write(Map<String, byte[]> phrases, OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new XZOutputStream(out, new LZMA2Options(9)))) {
            data.writeInt(phrases.size());
            for (var phrase : phrases.entrySet()) {
                byte[] text = phrase.getKey().getBytes(StandardCharsets.UTF_8);
                data.writeInt(text.length);
                data.write(text);
                data.writeInt(phrase.getValue().length);
                data.write(phrase.getValue());
            }
        }
    }
}
