package org.caseline.platform;

import java.util.Locale;

/**
 * A text that a caller hears or a visitor reads, in every language CaseLine speaks. Both are
 * required: a missing translation is an error when the text is loaded, never a blank later.
 */
public record LocalizedText(String en, String es) {

    public LocalizedText {
        if (en == null || en.isBlank()) {
            throw new IllegalArgumentException("The English text is missing");
        }
        if (es == null || es.isBlank()) {
            throw new IllegalArgumentException("The Spanish translation of \"" + en + "\" is missing");
        }
    }

    public String in(Locale locale) {
        return Languages.isSpanish(locale) ? es : en;
    }

}
