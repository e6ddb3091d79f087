package org.caseline.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.caseline.platform.Languages;

/**
 * What the public may know about a case: its form, current status with the public wording,
 * the history of statuses, the office that holds it and the published processing time.
 * Nothing here identifies the applicant.
 */
public record CaseStatusView(
        ReceiptNumber receipt,
        Catalogue.Form form,
        LocalDate receivedDate,
        Instant modifiedAt,
        Catalogue.Status status,
        Instant statusAt,
        Catalogue.Office office,
        boolean sentToDepartmentOfState,
        List<HistoryEntry> history,
        Optional<ProcessingTime> processingTime,
        ZoneId zone) {

    /** One past status, oldest first. */
    public record HistoryEntry(Catalogue.Status status, Instant at) {
    }

    /** The time within which 80 % of such cases were decided, as published on a date. */
    public record ProcessingTime(double months, LocalDate publishedOn) {
    }

    /**
     * The last day the case is within its published processing time (received date plus the
     * published months), or {@code monthsWhenNonePublished} when no time is published. After it,
     * an applicant may ask about the case.
     */
    public LocalDate withinProcessingTimeUntil(int monthsWhenNonePublished) {
        return processingTime.map(p -> receivedDate.plusDays(Math.round(p.months() * 30.44)))
                .orElse(receivedDate.plusMonths(monthsWhenNonePublished));
    }

    public String title(Locale locale) {
        return status.title().in(locale);
    }

    /** The status description with its date, form and receipt filled in, in {@code locale}. */
    public String description(Locale locale) {
        return fill(status, statusAt, locale);
    }

    public LocalDate statusDate() {
        return statusAt.atZone(zone).toLocalDate();
    }

    public LocalDate dateOf(HistoryEntry entry) {
        return entry.at().atZone(zone).toLocalDate();
    }

    private String fill(Catalogue.Status s, Instant at, Locale locale) {
        return s.description().in(locale)
                .replace("{date}", Languages.longDate(at.atZone(zone).toLocalDate(), locale))
                .replace("{formTitle}", form.title().in(locale))
                .replace("{form}", form.number())
                .replace("{receipt}", receipt.value());
    }
}
