package org.caseline.analytics.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.caseline.analytics.BestTimes;
import org.caseline.analytics.Erlang;
import org.caseline.analytics.Reports;
import org.caseline.analytics.Staffing;
import org.caseline.ivr.Lines;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analytics API: the staffing calculator and the best time to call (public: arithmetic and
 * aggregate waits, nothing about anyone), the reports and the day's staffing plan (supervisors).
 */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsApi {

    private final Reports reports;
    private final Staffing staffing;
    private final BestTimes bestTimes;
    private final Lines lines;
    private final Clock clock;

    AnalyticsApi(Reports reports, Staffing staffing, BestTimes bestTimes, Lines lines, Clock clock) {
        this.reports = reports;
        this.staffing = staffing;
        this.bestTimes = bestTimes;
        this.lines = lines;
        this.clock = clock;
    }

    @GetMapping("/staffing")
    Map<String, Object> staffing(@RequestParam double contacts, @RequestParam(defaultValue = "30") int intervalMinutes,
                                 @RequestParam double handleSeconds, @RequestParam double targetSeconds,
                                 @RequestParam(defaultValue = "0.8") double serviceLevel,
                                 @RequestParam(required = false) Double patienceSeconds,
                                 @RequestParam(defaultValue = "0") double shrinkage) {
        Staffing.Goal goal = new Staffing.Goal(targetSeconds, serviceLevel, shrinkage);
        Erlang.Result r = Staffing.required(contacts, intervalMinutes, handleSeconds, goal, patienceSeconds);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agents", Staffing.scheduled(r.agents(), shrinkage));
        body.put("serviceLevel", r.serviceLevel());
        body.put("probabilityOfWaiting", r.probabilityOfWaiting());
        body.put("averageSpeedOfAnswerSeconds", r.averageSpeedOfAnswerSeconds());
        body.put("occupancy", r.occupancy());
        body.put("agentsOnPhones", r.agents());
        body.put("trafficErlangs", Erlang.traffic(contacts, intervalMinutes * 60.0, handleSeconds));
        body.put("model", patienceSeconds == null ? "erlang-c" : "erlang-a");
        if (patienceSeconds != null) {
            body.put("abandonment", r.abandonmentProbability());
        }
        return body;
    }

    @GetMapping("/best-time-to-call")
    Map<String, Object> bestTimeToCall(@RequestParam String line, @RequestParam(defaultValue = "en") String language) {
        BestTimes.Answer a = bestTimes.answer(line, language);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("line", a.line());
        body.put("language", a.language());
        body.put("timeZone", a.timeZone());
        body.put("best", a.best().stream().map(AnalyticsApi::hour).toList());
        body.put("worst", a.worst().stream().map(AnalyticsApi::hour).toList());
        body.put("basedOnWeeks", a.basedOnWeeks());
        body.put("hours", a.hours().stream().map(AnalyticsApi::hour).toList());
        return body;
    }

    private static Map<String, Object> hour(BestTimes.Hour h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", h.day().name());
        m.put("hour", h.hour());
        m.put("expectedWaitSeconds", h.expectedWaitSeconds());
        m.put("calls", h.calls());
        return m;
    }

    @GetMapping("/report")
    ResponseEntity<?> report(@RequestParam String from, @RequestParam String to, @RequestParam(defaultValue = "day") String by,
                             @RequestParam(required = false) String line, @RequestParam(required = false) String queue,
                             @RequestParam(required = false) String language, @RequestParam(required = false) String channel,
                             @RequestParam(required = false) String agent, @RequestParam(defaultValue = "json") String format) {
        ZoneId zone = ReportQuery.zone(lines);
        Reports.Report report = reports.report(ReportQuery.start(from, zone), ReportQuery.endOf(to, zone), zone, by,
                new Reports.Filter(ReportQuery.blank(line), ReportQuery.blank(queue), ReportQuery.blank(language), ReportQuery.blank(channel), ReportQuery.blank(agent)));
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"caseline-report-" + from + "-" + to + ".csv\"")
                    .body(ReportQuery.csv(report));
        }
        if (!"json".equalsIgnoreCase(format)) {
            throw new Reports.InvalidReportException("format must be json or csv");
        }
        return ResponseEntity.ok(ReportQuery.json(report));
    }

    @GetMapping("/staffing-plan")
    Map<String, Object> plan(@RequestParam(required = false) String date, @RequestParam(required = false) String line,
                             @RequestParam(required = false) String queue, @RequestParam(required = false) String language,
                             @RequestParam(defaultValue = "30") int intervalMinutes, @RequestParam(defaultValue = "20") double targetSeconds,
                             @RequestParam(defaultValue = "0.8") double serviceLevel, @RequestParam(defaultValue = "0.3") double shrinkage) {
        ZoneId zone = ReportQuery.zone(lines);
        LocalDate day = date == null || date.isBlank() ? ReportQuery.nextMonday(clock, zone) : ReportQuery.date(date, "date");
        Staffing.Plan plan = staffing.plan(new Reports.Filter(ReportQuery.blank(line), ReportQuery.blank(queue), ReportQuery.blank(language), "VOICE"), day,
                intervalMinutes, zone, new Staffing.Goal(targetSeconds, serviceLevel, shrinkage));
        return ReportQuery.json(plan);
    }

}
