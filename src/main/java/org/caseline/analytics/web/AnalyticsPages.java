package org.caseline.analytics.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.caseline.analytics.BestTimes;
import org.caseline.analytics.Erlang;
import org.caseline.analytics.Reports;
import org.caseline.analytics.Staffing;
import org.caseline.ivr.Lines;
import org.caseline.platform.Languages;
import org.caseline.routing.Router;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The reports and the staffing pages for supervisors, and the public page of the best time to call. */
@Controller
class AnalyticsPages {

    record Choice(String value, String label) {
    }

    private final Reports reports;
    private final Staffing staffing;
    private final BestTimes bestTimes;
    private final Lines lines;
    private final Router router;
    private final MessageSource messages;
    private final Clock clock;

    AnalyticsPages(Reports reports, Staffing staffing, BestTimes bestTimes, Lines lines, Router router, MessageSource messages,
                   Clock clock) {
        this.reports = reports;
        this.staffing = staffing;
        this.bestTimes = bestTimes;
        this.lines = lines;
        this.router = router;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/staff/reports")
    String reports(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(defaultValue = "day") String by, @RequestParam(required = false) String line,
                   @RequestParam(required = false) String queue, @RequestParam(required = false) String language,
                   @RequestParam(required = false) String channel, Locale locale, HttpServletResponse response, Model model) {
        Locale lang = Languages.supported(locale);
        ZoneId zone = ReportQuery.zone(lines);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        String fromDay = ReportQuery.blank(from) == null ? today.minusDays(30).toString() : from.strip();
        String toDay = ReportQuery.blank(to) == null ? today.minusDays(1).toString() : to.strip();
        model.addAttribute("from", fromDay);
        model.addAttribute("to", toDay);
        model.addAttribute("by", by.strip().toLowerCase(Locale.ROOT));
        model.addAttribute("line", ReportQuery.blank(line));
        model.addAttribute("queue", ReportQuery.blank(queue));
        model.addAttribute("language", ReportQuery.blank(language));
        model.addAttribute("channel", ReportQuery.blank(channel));
        model.addAttribute("lines", lines.lines().stream().map(l -> new Choice(l.number(), l.name())).toList());
        model.addAttribute("queues", router.figures().stream()
                .map(q -> new Choice(q.id(), lang.getLanguage().equals("es") ? q.nameEs() : q.nameEn())).toList());
        model.addAttribute("query", query(fromDay, toDay, by, line, queue, language, channel));
        try {
            Reports.Report report = reports.report(ReportQuery.start(fromDay, zone), ReportQuery.endOf(toDay, zone), zone, by,
                    new Reports.Filter(ReportQuery.blank(line), ReportQuery.blank(queue), ReportQuery.blank(language), ReportQuery.blank(channel)));
            model.addAttribute("report", report);
            // a day or a week opens into its quarter hours or days: the same filters, a narrower period
            model.addAttribute("rows", report.rows().stream().map(r -> new Line(label(r, report.by(), lang), r.counts(),
                    drill(r, report.by(), line, queue, language, channel))).toList());
            model.addAttribute("totals", report.totals());
            int tickEvery = Math.max(1, report.rows().size() / 8);
            model.addAttribute("charts", List.of(
                    Chart.of("chart-volume", text("reports.chart.volume", lang), report.rows(),
                            r -> (double) Math.max(r.counts().calls(), r.counts().offered()), r -> label(r, report.by(), lang),
                            v -> String.valueOf(Math.round(v)), tickEvery),
                    Chart.of("chart-service-level", text("reports.chart.serviceLevel", lang), report.rows(),
                            r -> percent(r.counts().serviceLevel()),
                            r -> label(r, report.by(), lang), v -> Math.round(v) + " %", tickEvery),
                    Chart.of("chart-asa", text("reports.chart.asa", lang), report.rows(),
                            r -> r.counts().averageSpeedOfAnswerSeconds(),
                            r -> label(r, report.by(), lang), v -> Math.round(v) + " s", tickEvery),
                    Chart.of("chart-abandonment", text("reports.chart.abandonment", lang), report.rows(),
                            r -> percent(r.counts().abandonment()),
                            r -> label(r, report.by(), lang), v -> Math.round(v) + " %", tickEvery)));
        } catch (Reports.InvalidReportException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
        }
        return "staff-reports";
    }

    /** A row as the page reads it: its bucket named in the reader's language, and its figures. */
    record Line(String label, Reports.Counts counts, String drill) {
    }

    private static String drill(Reports.Row r, Reports.By by, String line, String queue, String language, String channel) {
        LocalDate day = r.local().toLocalDate();
        return switch (by) {
            case DAY -> "/staff/reports?" + query(day.toString(), day.toString(), "interval", line, queue, language, channel);
            case WEEK -> "/staff/reports?" + query(day.toString(), day.plusDays(6).toString(), "day", line, queue, language, channel);
            default -> null;
        };
    }

    private static String label(Reports.Row r, Reports.By by, Locale lang) {
        return switch (by) {
            case INTERVAL, HOUR -> r.local().toLocalDate() + " " + r.local().toLocalTime();
            case DAY -> r.local().getDayOfWeek().getDisplayName(TextStyle.SHORT, lang) + " " + r.local().toLocalDate();
            case WEEK -> r.local().toLocalDate().toString();
        };
    }

    private static Double percent(Double share) {
        return share == null ? null : share * 100;
    }

    private static String query(String from, String to, String by, String line, String queue, String language, String channel) {
        StringBuilder q = new StringBuilder("from=" + from + "&to=" + to + "&by=" + by);
        for (var e : new String[][] {{"line", line}, {"queue", queue}, {"language", language}, {"channel", channel}}) {
            if (ReportQuery.blank(e[1]) != null) {
                q.append('&').append(e[0]).append('=').append(java.net.URLEncoder.encode(e[1].strip(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    @GetMapping("/staff/staffing")
    String staffing(@RequestParam(required = false) Double contacts, @RequestParam(defaultValue = "30") int intervalMinutes,
                    @RequestParam(required = false) Double handleSeconds, @RequestParam(defaultValue = "20") double targetSeconds,
                    @RequestParam(defaultValue = "0.8") double serviceLevel, @RequestParam(required = false) Double patienceSeconds,
                    @RequestParam(defaultValue = "0.3") double shrinkage, @RequestParam(required = false) String queue,
                    @RequestParam(required = false) String date, Locale locale, HttpServletResponse response, Model model) {
        Locale lang = Languages.supported(locale);
        ZoneId zone = ReportQuery.zone(lines);
        model.addAttribute("contacts", contacts);
        model.addAttribute("intervalMinutes", intervalMinutes);
        model.addAttribute("handleSeconds", handleSeconds);
        model.addAttribute("targetSeconds", targetSeconds);
        model.addAttribute("serviceLevel", serviceLevel);
        model.addAttribute("patienceSeconds", patienceSeconds);
        model.addAttribute("shrinkage", shrinkage);
        model.addAttribute("queue", ReportQuery.blank(queue));
        model.addAttribute("queues", router.figures().stream().filter(q -> !q.id().startsWith("chat"))
                .map(q -> new Choice(q.id(), lang.getLanguage().equals("es") ? q.nameEs() : q.nameEn())).toList());
        try {
            Staffing.Goal goal = new Staffing.Goal(targetSeconds, serviceLevel, shrinkage);
            if (contacts != null && handleSeconds != null) {
                Erlang.Result r = Staffing.required(contacts, intervalMinutes, handleSeconds, goal, patienceSeconds);
                model.addAttribute("result", r);
                model.addAttribute("scheduled", Staffing.scheduled(r.agents(), shrinkage));
            }
            LocalDate day = ReportQuery.blank(date) == null ? ReportQuery.nextMonday(clock, zone) : ReportQuery.date(date, "date");
            Staffing.Plan plan = staffing.plan(new Reports.Filter(null, ReportQuery.blank(queue), null, "VOICE"), day, 30, zone, goal);
            List<Staffing.Need> open = plan.intervals().stream().filter(n -> n.contacts() >= 0.05).toList();
            model.addAttribute("plan", plan);
            model.addAttribute("needs", open);
            model.addAttribute("day", day);
            model.addAttribute("dayName", day.getDayOfWeek().getDisplayName(TextStyle.FULL, lang));
            model.addAttribute("planChart", Chart.of("chart-plan", text("staffing.chart", lang), open,
                    n -> (double) n.scheduled(),
                    n -> n.start().toLocalTime().toString(), v -> String.valueOf(Math.round(v)), Math.max(1, open.size() / 8)));
        } catch (Staffing.InvalidStaffingException | Reports.InvalidReportException | IllegalArgumentException e) {
            response.setStatus(400);
            model.addAttribute("problem", e.getMessage());
        }
        return "staff-staffing";
    }

    @GetMapping("/best-time-to-call")
    String bestTime(@RequestParam(required = false) String line, Locale locale, Model model) {
        Locale lang = Languages.supported(locale);
        Lines.Line chosen = lines.byNumber(line == null ? "" : line.strip()).orElse(lines.lines().getFirst());
        BestTimes.Answer answer = bestTimes.answer(chosen.number(), lang.getLanguage());
        model.addAttribute("line", chosen);
        model.addAttribute("lines", lines.lines().stream().map(l -> new Choice(l.number(), l.name())).toList());
        model.addAttribute("answer", answer);
        model.addAttribute("sentence", sentence(answer, lang));
        Map<DayOfWeek, List<BestTimes.Hour>> byDay = new LinkedHashMap<>();
        for (BestTimes.Hour h : answer.hours()) {
            byDay.computeIfAbsent(h.day(), d -> new ArrayList<>()).add(h);
        }
        List<Chart> charts = new ArrayList<>();
        for (var e : byDay.entrySet()) {
            String day = e.getKey().getDisplayName(TextStyle.FULL, lang);
            charts.add(Chart.of("wait-" + e.getKey().name().toLowerCase(Locale.ROOT), text("besttime.chart", lang, day), e.getValue(),
                    h -> h.expectedWaitSeconds() / 60.0,
                    h -> hour(h.hour(), lang), v -> Math.round(v) + " min", 1));
        }
        model.addAttribute("charts", charts);
        model.addAttribute("waits", answer.hours().stream().map(h -> new Wait(h.day().getDisplayName(TextStyle.FULL, lang),
                hour(h.hour(), lang), Math.max(1, Math.round(h.expectedWaitSeconds() / 60.0)))).toList());
        return "best-time-to-call";
    }

    /** One hour of the table: the weekday and hour as read, and the usual wait in whole minutes. */
    record Wait(String day, String hour, long minutes) {
    }

    /** "The shortest waits are on Mondays at 8 a.m., …" or that there is not enough history yet. */
    private String sentence(BestTimes.Answer answer, Locale lang) {
        if (answer.best().isEmpty()) {
            return text("besttime.none", lang);
        }
        BestTimes.Hour best = answer.best().getFirst();
        String when = best.day().getDisplayName(TextStyle.FULL, lang) + " " + hour(best.hour(), lang);
        if (answer.worst().isEmpty()) {
            return text("besttime.sentence.best", lang, when, Math.max(1, Math.round(best.expectedWaitSeconds() / 60.0)));
        }
        BestTimes.Hour worst = answer.worst().getFirst();
        return text("besttime.sentence", lang, when, Math.max(1, Math.round(best.expectedWaitSeconds() / 60.0)),
                worst.day().getDisplayName(TextStyle.FULL, lang) + " " + hour(worst.hour(), lang),
                Math.max(1, Math.round(worst.expectedWaitSeconds() / 60.0)), answer.basedOnWeeks());
    }

    static String hour(int hour, Locale lang) {
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        return h12 + (hour < 12 ? " a.m." : " p.m.");
    }

    private String text(String key, Locale lang, Object... args) {
        return messages.getMessage(key, args, lang);
    }

}
