package org.caseline.analytics.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caseline.analytics.Reports;
import org.caseline.analytics.Staffing;
import org.caseline.ivr.Lines;

/** A report's question read from a request (dates in the reporting zone), and its answer written as JSON or CSV. */
final class ReportQuery {

    /** The columns of a report, in the order of the CSV and of the page's table. */
    static final List<String> COLUMNS = List.of("start", "calls", "containment", "offered", "answered", "serviceLevel",
            "averageSpeedOfAnswerSeconds", "abandoned", "abandonment", "averageHandleSeconds", "firstContactResolution",
            "callbacksPlaced", "callbacksKept", "writtenDue", "writtenWithinPromise", "requestsAnswered",
            "requestsWithinBusinessDays", "escalated");

    private ReportQuery() {
    }

    /** The zone reports are read in: the first line's, as "today" on the wallboard. */
    static ZoneId zone(Lines lines) {
        return lines.reportingZone();
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static LocalDate date(String text, String name) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new Reports.InvalidReportException(name + " must be a date like 2026-11-30, not \"" + text + "\"");
        }
    }

    static Instant start(String day, ZoneId zone) {
        return date(day, "from").atStartOfDay(zone).toInstant();
    }

    /** The end of the day {@code to}, inclusive. */
    static Instant endOf(String day, ZoneId zone) {
        return date(day, "to").plusDays(1).atStartOfDay(zone).toInstant();
    }

    static LocalDate nextMonday(Clock clock, ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    static Map<String, Object> row(Instant start, String local, Reports.Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start.toString());
        m.put("local", local);
        m.put("calls", c.calls());
        m.put("containment", c.containment());
        m.put("selfService", c.selfService());
        m.put("transferred", c.transferred());
        m.put("callbackRequested", c.callbackRequested());
        m.put("ivrAbandoned", c.ivrAbandoned());
        m.put("offered", c.offered());
        m.put("answered", c.answered());
        m.put("answeredInServiceLevel", c.answeredInServiceLevel());
        m.put("serviceLevel", c.serviceLevel());
        m.put("averageSpeedOfAnswerSeconds", c.averageSpeedOfAnswerSeconds());
        m.put("abandoned", c.abandoned());
        m.put("abandonment", c.abandonment());
        m.put("overflowed", c.overflowed());
        m.put("averageHandleSeconds", c.averageHandleSeconds());
        m.put("handled", c.handled());
        m.put("firstContactResolution", c.firstContactResolution());
        m.put("callbacksPlaced", c.callbacksPlaced());
        m.put("callbacksKept", c.callbacksKept());
        m.put("callbacksKeptShare", c.callbacksKeptShare());
        m.put("writtenDue", c.writtenDue());
        m.put("writtenInPromise", c.writtenInPromise());
        m.put("writtenWithinPromise", c.writtenWithinPromise());
        m.put("requestsFiled", c.requestsFiled());
        m.put("requestsAnswered", c.requestsAnswered());
        m.put("requestsWithinBusinessDays", c.requestsWithinBusinessDays());
        m.put("escalated", c.escalated());
        m.put("handedOn", c.handedOn());
        return m;
    }

    static Map<String, Object> json(Reports.Report r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", r.from().toString());
        body.put("to", r.to().toString());
        body.put("timeZone", r.zone().getId());
        body.put("by", r.by().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("line", r.filter().line());
        filter.put("queue", r.filter().queue());
        filter.put("language", r.filter().language());
        filter.put("channel", r.filter().channel());
        filter.put("agent", r.filter().agent());
        body.put("filter", filter);
        body.put("rows", r.rows().stream().map(row -> row(row.start(), row.local().toString(), row.counts())).toList());
        body.put("totals", row(r.from(), r.from().atZone(r.zone()).toLocalDateTime().toString(), r.totals()));
        body.put("topExits", r.topExits().stream().map(e -> Map.of("exitPoint", e.exitPoint(), "calls", e.calls())).toList());
        return body;
    }

    /** The rows as the page shows them, one line each; shares as fractions, times in seconds. */
    static String csv(Reports.Report r) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Reports.Row row : r.rows()) {
            Map<String, Object> values = row(row.start(), row.local().toString(), row.counts());
            values.put("start", row.local().toString());
            out.append(String.join(",", COLUMNS.stream().map(c -> cell(values.get(c))).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4f", d);
        }
        return value.toString();
    }

    static Map<String, Object> json(Staffing.Plan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", plan.day().toString());
        body.put("intervalMinutes", plan.intervalMinutes());
        body.put("queue", plan.filter().queue());
        body.put("line", plan.filter().line());
        body.put("language", plan.filter().language());
        body.put("targetSeconds", plan.goal().targetSeconds());
        body.put("serviceLevel", plan.goal().serviceLevel());
        body.put("shrinkage", plan.goal().shrinkage());
        body.put("model", plan.model());
        body.put("patienceSeconds", plan.patienceSeconds());
        body.put("signedInNow", plan.signedInNow());
        body.put("forecastMethod", "weighted average of the same interval in the past 8 weeks (weights 8 to 1), holidays left out");
        body.put("heldOut", Map.of("weeks", plan.heldOut().weeks(), "wape", plan.heldOut().wape(),
                "actualContacts", plan.heldOut().actualContacts()));
        body.put("intervals", plan.intervals().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", n.start().toOffsetDateTime().toString());
            m.put("contacts", Math.round(n.contacts() * 10) / 10.0);
            m.put("handleSeconds", Math.round(n.handleSeconds()));
            m.put("agents", n.agents());
            m.put("scheduled", n.scheduled());
            m.put("serviceLevel", n.serviceLevel());
            m.put("averageSpeedOfAnswerSeconds", Double.isInfinite(n.averageSpeedOfAnswerSeconds()) ? null : n.averageSpeedOfAnswerSeconds());
            m.put("occupancy", n.occupancy());
            return m;
        }).toList());
        return body;
    }
}
