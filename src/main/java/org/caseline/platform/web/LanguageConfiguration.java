package org.caseline.platform.web;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caseline.platform.Languages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * A visitor's language: {@code ?lang=es} switches and is remembered in a cookie; otherwise the
 * browser's Accept-Language decides between English and Spanish. Anything else reads as English.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new SupportedLanguageResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    static final class SupportedLanguageResolver extends CookieLocaleResolver {

        SupportedLanguageResolver() {
            super("caseline-lang");
            setCookieMaxAge(Duration.ofDays(365));
            setDefaultLocaleFunction(SupportedLanguageResolver::fromBrowser);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request));
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
        }

        private static Locale fromBrowser(HttpServletRequest request) {
            for (Locale wanted : Collections.list(request.getLocales())) {
                if (Languages.isSpanish(wanted)) {
                    return Languages.SPANISH;
                }
                if ("en".equals(wanted.getLanguage())) {
                    return Languages.ENGLISH;
                }
            }
            return Languages.ENGLISH;
        }

        private static Locale supported(Locale locale) {
            return Languages.supported(locale);
        }
    }
}
