package org.caseline.assistant;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caseline.ivr.Lines;
import org.caseline.ivr.hours.OpeningHours;
import org.caseline.platform.Languages;
import org.springframework.stereotype.Component;

/**
 * The facts an answer quotes that live elsewhere in CaseLine, filled in when the answer is given
 * so that it says what is configured now: a line's number, its hours of live help, whether live
 * help is open at this moment, the address a closed line gives. Written in an article as
 * {@code {{kind:line}}}, the line by its number.
 */
@Component
class Facts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z-]+):([^}]*)}}");
    private static final List<String> KINDS = List.of("number", "hours", "open-now", "after-hours-email");
    private static final Map<String, String[]> ZONES = Map.of(
            "America/New_York", new String[] {"Eastern time", "hora del Este"},
            "America/Chicago", new String[] {"Central time", "hora del Centro"},
            "America/Denver", new String[] {"Mountain time", "hora de la Montaña"},
            "America/Phoenix", new String[] {"Arizona time", "hora de Arizona"},
            "America/Los_Angeles", new String[] {"Pacific time", "hora del Pacífico"},
            "America/Anchorage", new String[] {"Alaska time", "hora de Alaska"},
            "Pacific/Honolulu", new String[] {"Hawaii time", "hora de Hawái"});

    private final Lines lines;
    private final Clock clock;

    Facts(Lines lines, Clock clock) {
        this.lines = lines;
        this.clock = clock;
    }

    /** What is wrong with the placeholders in {@code text}, or null when every one names a fact there is. */
    String problems(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        List<String> wrong = new ArrayList<>();
        while (m.find()) {
            if (!KINDS.contains(m.group(1))) {
                wrong.add("{{" + m.group(1) + "}} is not a fact the assistant knows (" + String.join(", ", KINDS) + ")");
            } else if (lines.byNumber(m.group(2)).isEmpty()) {
                wrong.add("no line " + m.group(2) + " is configured");
            } else if ("after-hours-email".equals(m.group(1)) && lines.byNumber(m.group(2)).get().afterHoursEmail() == null) {
                wrong.add("line " + m.group(2) + " gives no address after hours");
            }
        }
        if (text.replaceAll(PLACEHOLDER.pattern(), "").contains("{{")) {
            wrong.add("a placeholder is not written {{kind:line}}");
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /** {@code text} with every fact filled in, in {@code language}. */
    String fill(String text, Locale language) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<Lines.Line> line = lines.byNumber(m.group(2));
            String value = line.map(l -> fact(m.group(1), l, language)).orElse("");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    /** Whether people answer {@code number} now. */
    boolean openNow(String number) {
        return lines.byNumber(number).map(l -> l.openAt(clock.instant())).orElse(false);
    }

    private String fact(String kind, Lines.Line line, Locale language) {
        boolean es = Languages.isSpanish(language);
        return switch (kind) {
            case "number" -> dialed(line.number());
            case "hours" -> hours(line.hours(), language);
            case "after-hours-email" -> line.afterHoursEmail() == null ? "" : line.afterHoursEmail();
            case "open-now" -> switch (line.hours().at(clock.instant())) {
                case OPEN -> es ? "La ayuda en vivo está abierta ahora." : "Live help is open now.";
                case HOLIDAY -> es ? "Hoy es feriado federal: la ayuda en vivo está cerrada." : "Today is a federal holiday: live help is closed.";
                case CLOSED -> es ? "La ayuda en vivo está cerrada ahora." : "Live help is closed now.";
            };
            default -> "";
        };
    }

    /** "1-800-375-5283". */
    static String dialed(String number) {
        String digits = Lines.normalise(number);
        return digits.length() == 11
                ? digits.charAt(0) + "-" + digits.substring(1, 4) + "-" + digits.substring(4, 7) + "-" + digits.substring(7)
                : digits;
    }

    /** "Monday to Friday, 8 a.m. to 9 p.m. Eastern time"; "de lunes a viernes, de 8 a. m. a 9 p. m., hora del Este". */
    static String hours(OpeningHours hours, Locale language) {
        boolean es = Languages.isSpanish(language);
        Locale locale = Languages.supported(language);
        List<DayOfWeek> days = hours.days().stream().sorted().toList();
        String dayText;
        boolean run = !days.isEmpty() && days.getLast().getValue() - days.getFirst().getValue() == days.size() - 1;
        if (days.size() > 2 && run) {
            dayText = (es ? "de " : "") + name(days.getFirst(), locale) + (es ? " a " : " to ") + name(days.getLast(), locale);
        } else {
            dayText = String.join(es ? " y " : " and ", days.stream().map(d -> name(d, locale)).toList());
        }
        String[] zone = ZONES.get(hours.zone().getId());
        String zoneText = zone != null ? zone[es ? 1 : 0] : hours.zone().getDisplayName(TextStyle.FULL, locale);
        return es
                ? dayText + ", de " + time(hours.open(), true) + " a " + time(hours.close(), true) + ", " + zoneText
                : dayText + ", " + time(hours.open(), false) + " to " + time(hours.close(), false) + " " + zoneText;
    }

    private static String name(DayOfWeek day, Locale locale) {
        return day.getDisplayName(TextStyle.FULL, locale);
    }

    private static String time(LocalTime t, boolean es) {
        int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        String minutes = t.getMinute() == 0 ? "" : String.format(":%02d", t.getMinute());
        String half = t.getHour() < 12 ? (es ? "a. m." : "a.m.") : (es ? "p. m." : "p.m.");
        return h + minutes + " " + half;
    }
}
