package org.caseline.servicerequests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caseline.cases.CaseStatusView;
import org.caseline.platform.Languages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The eligibility rules of a type, evaluated against the case as the case system holds it; each
 * rule that fails says why in the requester's language, with the dates that decide it.
 */
@Component
class Eligibility {

    private final MessageSource messages;

    Eligibility(MessageSource messages) {
        this.messages = messages;
    }

    List<ServiceRequestRefused.Problem> check(RequestTypes.RequestType type, CaseStatusView theCase, Map<String, String> fields,
                                              int requestsBefore, Instant now, Locale language) {
        List<ServiceRequestRefused.Problem> problems = new ArrayList<>();
        ZoneId zone = theCase.zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (RequestTypes.Rule rule : type.rules()) {
            switch (rule.rule()) {
                case "outside-processing-time" -> {
                    LocalDate inquiry = theCase.withinProcessingTimeUntil(rule.number("months-without-published", 6));
                    if (!today.isAfter(inquiry)) {
                        problems.add(problem("receiptNumber", "within-processing-time", language, Languages.longDate(inquiry, language)));
                    }
                }
                case "mailed-at-least" -> {
                    int days = rule.number("days", 30);
                    List<String> statuses = rule.list("statuses");
                    var mailed = theCase.history().stream().filter(h -> statuses.contains(h.status().code()))
                            .map(theCase::dateOf).max(LocalDate::compareTo);
                    if (mailed.isEmpty()) {
                        problems.add(problem("receiptNumber", "not-mailed", language));
                    } else if (ChronoUnit.DAYS.between(mailed.get(), today) < days) {
                        problems.add(problem("receiptNumber", "mailed-recently", language, Languages.longDate(mailed.get(), language),
                                Languages.longDate(mailed.get().plusDays(days), language)));
                    }
                }
                case "biometrics-reschedule" -> {
                    String typed = fields.get("appointment");
                    if (typed == null) {
                        break; // the field's own check says it is missing
                    }
                    Instant appointment = LocalDateTime.parse(typed).atZone(zone).toInstant();
                    long reschedules = theCase.history().stream()
                            .filter(h -> h.status().code().equals("BIOMETRICS_RESCHEDULE_RECEIVED")).count() + requestsBefore;
                    if (!appointment.isAfter(now)) {
                        problems.add(problem("appointment", "appointment-passed", language));
                    } else if (Duration.between(now, appointment).toHours() < rule.number("not-within-hours", 12)) {
                        problems.add(problem("appointment", "appointment-too-close", language, rule.number("not-within-hours", 12)));
                    } else if (reschedules >= rule.number("max-reschedules", 2)) {
                        problems.add(problem("appointment", "rescheduled-enough", language, rule.number("max-reschedules", 2)));
                    }
                }
                default -> throw new IllegalStateException("unknown rule " + rule.rule());
            }
        }
        return problems;
    }

    private ServiceRequestRefused.Problem problem(String field, String code, Locale language, Object... args) {
        return new ServiceRequestRefused.Problem(field, code, messages.getMessage("sr.problem." + code, args, language));
    }
}
