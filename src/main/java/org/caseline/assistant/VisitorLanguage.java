package org.caseline.assistant;

import java.util.Locale;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import org.caseline.platform.Languages;

/**
 * The language a visitor wrote in, when the page does not say: Lingua, told to choose between the
 * languages CaseLine speaks. Too short or too mixed to tell, English is assumed.
 */
final class VisitorLanguage {

    /** Built once per JVM: Lingua's models for the two languages load on first use. */
    private static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(Language.ENGLISH, Language.SPANISH)
            .withMinimumRelativeDistance(0.05).build();

    private VisitorLanguage() {
    }

    /** The page's language if it gave one ("en", "es", "es-MX"); else the one detected in {@code text}. */
    static Locale of(String text, String pageLanguage) {
        if (pageLanguage != null && !pageLanguage.isBlank()) {
            return Languages.supported(Locale.forLanguageTag(pageLanguage.strip()));
        }
        return detect(text);
    }

    static Locale detect(String text) {
        if (text.indexOf('¿') >= 0 || text.indexOf('¡') >= 0 || text.indexOf('ñ') >= 0) {
            return Languages.SPANISH;
        }
        return DETECTOR.detectLanguageOf(text) == Language.SPANISH ? Languages.SPANISH : Languages.ENGLISH;
    }
}
