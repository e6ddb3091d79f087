package org.caseline.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notices the agency mailed about a case, as its case system reports them. They say what the
 * applicant should have in hand (a receipt, an appointment, a request for evidence), so only the
 * case's account holders and staff see them; public channels never do.
 */
@Service
public class CaseNotices {

    /** A notice sent on a day. */
    public record Notice(Catalogue.NoticeType type, LocalDate sentOn) {
    }

    public record NoticeEvent(String eventId, String type, LocalDate sentOn) {
    }

    private final JdbcClient jdbc;
    private final Catalogue catalogue;
    private final Clock clock;
    private final ZoneId zone;

    CaseNotices(JdbcClient jdbc, Catalogue catalogue, Clock clock,
                @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.clock = clock;
        this.zone = zone;
    }

    /** Records a notice; the same event id again changes nothing and says so (false). */
    @Transactional
    public boolean record(ReceiptNumber receipt, NoticeEvent event) {
        require(event.eventId() != null && !event.eventId().isBlank(), "eventId", "The event id is required.");
        require(event.eventId().length() <= 200, "eventId", "The event id is longer than 200 characters.");
        require(event.type() != null, "type", "The notice type is required.");
        require(catalogue.notice(event.type()).isPresent(), "type", "Unknown notice type " + event.type() + ".");
        require(event.sentOn() != null, "sentOn", "The day the notice was sent is required.");
        require(!event.sentOn().isAfter(LocalDate.now(clock.withZone(zone))), "sentOn", "The notice is dated in the future.");
        if (jdbc.sql("select count(*) from case_record where receipt_number = ?").param(receipt.value()).query(Integer.class).single() == 0) {
            throw new CaseNotFoundException(receipt);
        }
        return jdbc.sql("""
                        insert into case_notice (event_id, receipt_number, notice_type, sent_on, recorded_at) values (?, ?, ?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(event.eventId(), receipt.value(), event.type(), event.sentOn(), Timestamp.from(clock.instant())).update() == 1;
    }

    /** A case's notices, newest first. */
    public List<Notice> of(ReceiptNumber receipt) {
        return jdbc.sql("select notice_type, sent_on from case_notice where receipt_number = ? order by sent_on desc, recorded_at desc")
                .param(receipt.value())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class)}).list().stream()
                .flatMap(row -> catalogue.notice((String) row[0]).map(type -> new Notice(type, (LocalDate) row[1])).stream())
                .toList(); // a type since taken out of the catalogue is not shown
    }

    private static void require(boolean condition, String field, String reason) {
        if (!condition) {
            throw new InvalidCaseDataException(field, reason);
        }
    }
}
