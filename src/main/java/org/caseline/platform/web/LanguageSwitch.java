package org.caseline.platform.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.caseline.platform.Languages;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Every page links to itself in the other language, keeping what the visitor asked for. */
@ControllerAdvice
class LanguageSwitch {

    @ModelAttribute("languageSwitchUrl")
    String languageSwitchUrl(HttpServletRequest request, Locale locale) {
        String other = Languages.isSpanish(locale) ? "en" : "es";
        try {
            return UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString())
                    .replaceQueryParam("lang", other)
                    .build(true)
                    .toUriString();
        } catch (IllegalArgumentException malformedQuery) {
            return request.getRequestURI() + "?lang=" + other;
        }
    }
}
