package org.caseline.platform;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/** The languages CaseLine speaks, and how dates read in each. */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH);

    private static final DateTimeFormatter ENGLISH_DATE =
            DateTimeFormatter.ofPattern("MMMM d, yyyy", ENGLISH);
    private static final DateTimeFormatter SPANISH_DATE =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(SPANISH);

    private Languages() {
    }

    /** The language CaseLine speaks for a requested one: Spanish for any Spanish, else English. */
    public static Locale supported(Locale locale) {
        return isSpanish(locale) ? SPANISH : ENGLISH;
    }

    public static boolean isSpanish(Locale locale) {
        return locale != null && "es".equals(locale.getLanguage());
    }

    /** "November 3, 2026" or "3 de noviembre de 2026". */
    public static String longDate(LocalDate date, Locale locale) {
        return (isSpanish(locale) ? SPANISH_DATE : ENGLISH_DATE).format(date);
    }

    /** A number of months as people write it: "6.5" or "6,5", at most one decimal. */
    public static String months(double months, Locale locale) {
        var format = java.text.NumberFormat.getNumberInstance(supported(locale));
        format.setMaximumFractionDigits(1);
        return format.format(months);
    }
}
