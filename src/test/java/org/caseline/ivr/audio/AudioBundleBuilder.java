package org.caseline.ivr.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.caseline.cases.Catalogue;
import org.caseline.directory.Directory;
import org.caseline.directory.News;
import org.caseline.directory.Office;
import org.caseline.directory.OfficeKind;
import org.caseline.ivr.Lines;
import org.caseline.ivr.flow.FlowFiles;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.platform.Languages;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the audio shipped for machines without espeak-ng: every default prompt whole, the text
 * around each placeholder, the catalogue's status wordings and form names, numbers, letters and
 * the phrases in {@code ivr/audio/phrases.yaml}. Run it after changing any of them:
 * {@code tools/render-prompt-audio.sh} (needs espeak-ng).
 */
public final class AudioBundleBuilder {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z-]+}");

    private AudioBundleBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/ivr/audio");
        Espeak espeak = Espeak.find("espeak-ng").orElseThrow(() -> new IllegalStateException("espeak-ng is needed"));
        for (String language : List.of("en", "es")) {
            Map<String, String> phrases = phrases(language);
            Map<String, byte[]> audio = new TreeMap<>();
            for (var phrase : phrases.entrySet()) {
                audio.put(phrase.getKey(), espeak.ulaw(phrase.getValue(), language));
            }
            Path file = out.resolve(language + ".bundle.xz");
            try (OutputStream o = Files.newOutputStream(file)) {
                AudioBundle.write(audio, o);
            }
            long seconds = audio.values().stream().mapToLong(a -> a.length).sum() / 8000;
            System.out.printf("%s: %d phrases, %d s of audio, %d KB%n", file, audio.size(), seconds, Files.size(file) / 1024);
        }
    }

    /** Every phrase to render in {@code language}: its key (as compared) and the text to speak. */
    static Map<String, String> phrases(String language) throws IOException {
        Locale locale = "es".equals(language) ? Languages.SPANISH : Languages.ENGLISH;
        Map<String, String> phrases = new LinkedHashMap<>();
        FlowSet flows = FlowFiles.load("classpath:ivr", Lines.entriesOf(List.of("main", "military", "premium")));
        for (String id : flows.prompts().ids()) {
            addPieces(phrases, flows.prompts().text(id).orElseThrow().in(locale));
        }
        Catalogue catalogue = new Catalogue();
        for (Catalogue.Status status : catalogue.statuses()) {
            addPieces(phrases, status.title().in(locale));
            addPieces(phrases, status.description().in(locale));
        }
        for (Catalogue.Form form : catalogue.forms()) {
            add(phrases, form.number());
            add(phrases, form.title().in(locale));
        }
        for (Office office : Directory.shipped().offices()) {
            if (office.kind() == OfficeKind.FIELD_OFFICE) { // what the IVR says of the office for a ZIP code
                add(phrases, office.name().in(locale));
                add(phrases, office.address().street());
                add(phrases, office.address().city());
                add(phrases, office.hours().in(locale));
            } else if (office.kind() == OfficeKind.SUPPORT_CENTER) { // where a biometrics appointment is, or could move to
                add(phrases, office.name().in(locale));
            }
        }
        for (News.Item item : News.shipped().all()) { // the headlines the IVR reads
            add(phrases, item.title().in(locale));
        }
        for (int n = 0; n <= 100; n++) {
            add(phrases, String.valueOf(n));
        }
        for (int n = 200; n <= 900; n += 100) {
            add(phrases, String.valueOf(n));
        }
        for (int year = 1990; year <= 2040; year++) {
            add(phrases, String.valueOf(year));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            add(phrases, String.valueOf(c)); // a letter of a receipt number, read back
        }
        try (InputStream in = AudioBundleBuilder.class.getResourceAsStream("/ivr/audio/phrases.yaml")) {
            Map<String, List<String>> listed = new Yaml().load(in);
            for (String phrase : listed.get(language)) {
                add(phrases, phrase);
            }
        }
        return phrases;
    }

    /** A text without placeholders whole; one with placeholders, the pieces around them. */
    private static void addPieces(Map<String, String> phrases, String text) {
        if (!PLACEHOLDER.matcher(text).find()) {
            add(phrases, text);
            return;
        }
        for (String piece : PLACEHOLDER.split(text)) {
            add(phrases, piece);
        }
    }

    private static void add(Map<String, String> phrases, String text) {
        String key = AudioBundle.key(text);
        if (!key.isEmpty()) {
            phrases.putIfAbsent(key, text.strip());
        }
    }
}
