package org.caseline.directory.api;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.caseline.platform.Languages;

/** The language a directory API answers in: {@code lang=es} or {@code lang=en}, else the request's Accept-Language. */
final class ApiLanguage {

    private ApiLanguage() {
    }

    static Locale of(String lang, HttpServletRequest request) {
        if (lang != null) {
            return "es".equalsIgnoreCase(lang.strip()) ? Languages.SPANISH : Languages.ENGLISH;
        }
        return Languages.supported(request.getLocale());
    }
}
