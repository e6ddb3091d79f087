package org.caseline.cases.demo;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.caseline.cases.Catalogue;
import org.caseline.cases.ReceiptPrefixes;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Synthetic cases for the demo and for benchmarks: on first start (an empty case table), a set of
 * showcase cases with fixed receipt numbers, one per stage (the README lists them), then
 * {@code caseline.demo.cases} random ones with plausible histories. The same seed gives the same
 * cases. Rows go in with PostgreSQL's COPY, so a million cases load in about a minute.
 */
@Component
@Order(20)
@ConditionalOnBooleanProperty(name = "caseline.demo.enabled", matchIfMissing = true)
class DemoCases implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCases.class);
    private static final int BATCH = 20_000;

    /** A showcase case: what the README promises a visitor can look up. */
    record Showcase(String receipt, String form, String office, List<String> path, boolean sentToDos) {
    }

    static final List<Showcase> SHOWCASES = List.of(
            new Showcase("EAC2590000101", "I-130", "VSC", List.of("CASE_RECEIVED"), false),
            new Showcase("IOE2590000202", "I-765", "NBC",
                    List.of("CASE_RECEIVED", "BIOMETRICS_SCHEDULED"), false),
            new Showcase("LIN2590000303", "I-140", "NSC",
                    List.of("CASE_RECEIVED", "ACTIVELY_REVIEWED", "ADDITIONAL_EVIDENCE_REQUESTED"), false),
            new Showcase("MSC2590000404", "I-485", "NYC",
                    List.of("CASE_RECEIVED", "BIOMETRICS_SCHEDULED", "FINGERPRINTS_TAKEN", "ACTIVELY_REVIEWED",
                            "READY_FOR_INTERVIEW", "INTERVIEW_SCHEDULED"), false),
            new Showcase("WAC2590000505", "I-129", "CSC",
                    List.of("CASE_RECEIVED", "PREMIUM_REQUEST_RECEIVED", "ACTIVELY_REVIEWED", "APPROVED"), false),
            new Showcase("SRC2590000606", "I-90", "TSC",
                    List.of("CASE_RECEIVED", "BIOMETRICS_SCHEDULED", "FINGERPRINTS_TAKEN", "APPROVED",
                            "CARD_PRODUCED", "CARD_MAILED", "CARD_DELIVERED"), false),
            new Showcase("EAC2590000707", "I-130", "VSC",
                    List.of("CASE_RECEIVED", "ACTIVELY_REVIEWED", "APPROVED", "SENT_TO_DOS"), true),
            new Showcase("YSC2590000808", "N-400", "PSC", List.of("CASE_RECEIVED", "NO_INFORMATION"), false));

    /** Forms that end in a card the applicant receives. */
    private static final List<String> CARD_FORMS = List.of("I-90", "I-485", "I-751", "I-765", "I-821D");
    private static final List<String> INTERVIEW_FORMS = List.of("I-485", "N-400", "I-589", "I-751");
    private static final List<String> FIELD_OFFICES = List.of("NYC", "LOS", "CHI", "HOU", "MIA", "SEA");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Catalogue catalogue;
    private final ReceiptPrefixes prefixes;
    private final Clock clock;
    private final ZoneId zone;
    private final int count;
    private final long seed;

    DemoCases(JdbcClient jdbc, DataSource dataSource, Catalogue catalogue, ReceiptPrefixes prefixes, Clock clock,
              @Value("${caseline.agency.time-zone:America/New_York}") ZoneId zone,
              @Value("${caseline.demo.cases:10000}") int count,
              @Value("${caseline.demo.seed:20261128}") long seed) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.catalogue = catalogue;
        this.prefixes = prefixes;
        this.clock = clock;
        this.zone = zone;
        this.count = count;
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Long existing = jdbc.sql("select count(*) from case_record").query(Long.class).single();
        if (existing > 0) {
            return;
        }
        long started = System.nanoTime();
        loadProcessingTimes();
        var batch = new Batch();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        SplittableRandom random = new SplittableRandom(seed);
        for (Showcase s : SHOWCASES) {
            LocalDate received = today.minusDays(30L * s.path().size() + 20);
            batch.add(s.receipt(), s.form(), s.office(), received, s.path(), s.sentToDos(), spacing(random, s.path().size(), received, today));
        }
        List<String> prefixList = new ArrayList<>(prefixes.all());
        List<Catalogue.Form> forms = catalogue.forms();
        for (int i = 0; i < count; i++) {
            String prefix = prefixList.get(random.nextInt(Math.min(7, prefixList.size())));
            LocalDate received = today.minusDays(random.nextInt(3, 3 * 365));
            int fiscalYear = (received.getMonthValue() >= 10 ? received.getYear() + 1 : received.getYear()) % 100;
            // day and sequence come from i, so receipts never collide (showcases use day 900)
            String receipt = "%s%02d%03d%05d".formatted(prefix, fiscalYear, 1 + (i / 100_000) % 899, i % 100_000);
            String form = forms.get(random.nextInt(forms.size())).number();
            String office = prefixes.intakeOffice(prefix).orElse("NBC");
            List<String> path = journey(random, form);
            if (path.contains("INTERVIEW_SCHEDULED")) {
                office = FIELD_OFFICES.get(random.nextInt(FIELD_OFFICES.size()));
            }
            batch.add(receipt, form, office, received, path, path.contains("SENT_TO_DOS"),
                    spacing(random, path.size(), received, today));
            if (batch.size() >= BATCH) {
                batch.flush();
            }
        }
        batch.flush();
        codesAndApplicants();
        showcaseNotices();
        jdbc.sql("analyze case_record").update();
        jdbc.sql("analyze case_status_event").update();
        log.info("Loaded {} demo cases in {} s", count + SHOWCASES.size(), (System.nanoTime() - started) / 1_000_000_000);
    }

    /**
     * Once all the cases are in: an online access code for each (DEMO + the last four digits for
     * the README's samples), and a made-up applicant, so that requests without an account can be matched.
     */
    private void codesAndApplicants() {
        jdbc.sql("""
                insert into case_access_code (receipt_number, code)
                select receipt_number, case when receipt_number like '%2590000%' then 'DEMO' || right(receipt_number, 4)
                    else upper(substr(md5(receipt_number || 'access'), 1, 10)) end
                from case_record on conflict do nothing""").update();
        jdbc.sql("""
                insert into case_identity (receipt_number, name_key, birth_date, postal_code)
                select receipt_number,
                       (array['maria','james','linh','grace','piotr','anita','marco','minjun'])[1 + abs(hashtext(receipt_number || 'g')) % 8]
                           || (array['garcia','smith','nguyen','okafor','kowalski','patel','rossi','kim'])[1 + abs(hashtext(receipt_number)) % 8],
                       date '1960-01-01' + abs(hashtext(receipt_number || 'b')) % 15000,
                       lpad((10000 + abs(hashtext(receipt_number || 'p')) % 89999)::text, 5, '0')
                from case_record on conflict do nothing""").update();
    }

    /** The notices a showcase case's statuses mean were mailed, on the day of each status, for its account holder's page. */
    private void showcaseNotices() {
        jdbc.sql("""
                insert into case_notice (event_id, receipt_number, notice_type, sent_on, recorded_at)
                select 'demo-notice-' || e.id, e.receipt_number, m.notice, (e.occurred_at at time zone ?)::date, ?
                from case_status_event e
                join (values ('CASE_RECEIVED', 'RECEIPT'), ('BIOMETRICS_SCHEDULED', 'BIOMETRICS_APPOINTMENT'),
                             ('ADDITIONAL_EVIDENCE_REQUESTED', 'REQUEST_FOR_EVIDENCE'), ('INTERVIEW_SCHEDULED', 'INTERVIEW_APPOINTMENT'),
                             ('APPROVED', 'APPROVAL'), ('DENIED', 'DECISION')) as m (status, notice) on m.status = e.status_code
                where e.receipt_number like '___2590000%'
                on conflict do nothing""").params(zone.getId(), java.sql.Timestamp.from(clock.instant())).update();
    }

    /** A plausible sequence of statuses for a case of this form, cut at a random point. */
    private static List<String> journey(SplittableRandom random, String form) {
        List<String> full = new ArrayList<>(List.of("CASE_RECEIVED"));
        if (random.nextInt(10) < 7) {
            full.addAll(List.of("BIOMETRICS_SCHEDULED", "FINGERPRINTS_TAKEN"));
        }
        full.add("ACTIVELY_REVIEWED");
        if (random.nextInt(10) < 3) {
            full.addAll(List.of("ADDITIONAL_EVIDENCE_REQUESTED", "EVIDENCE_RESPONSE_RECEIVED"));
        }
        if (INTERVIEW_FORMS.contains(form)) {
            full.addAll(List.of("READY_FOR_INTERVIEW", "INTERVIEW_SCHEDULED", "INTERVIEW_COMPLETED"));
        }
        int decision = random.nextInt(100);
        if (decision < 80) {
            full.add("APPROVED");
            if (CARD_FORMS.contains(form)) {
                full.addAll(List.of("CARD_PRODUCED", "CARD_MAILED", "CARD_DELIVERED"));
            } else if ("I-130".equals(form) && random.nextBoolean()) {
                full.add("SENT_TO_DOS");
            }
        } else if (decision < 92) {
            full.add("DENIED");
        } else if (decision < 96) {
            full.add("REJECTED");
        } else {
            full.add("WITHDRAWAL_ACKNOWLEDGED");
        }
        return List.copyOf(full.subList(0, 1 + random.nextInt(full.size())));
    }

    /** Dates for each step: forward from the received date, never past today. */
    private static List<LocalDate> spacing(SplittableRandom random, int steps, LocalDate received, LocalDate today) {
        List<LocalDate> dates = new ArrayList<>(steps);
        LocalDate at = received;
        long room = Math.max(1, today.toEpochDay() - received.toEpochDay());
        for (int i = 0; i < steps; i++) {
            dates.add(at);
            long step = Math.max(1, Math.min(room / Math.max(1, steps), random.nextLong(5, 90)));
            at = at.plusDays(step);
            if (at.isAfter(today)) {
                at = today;
            }
        }
        return dates;
    }

    private void loadProcessingTimes() {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
        LocalDate published = LocalDate.now(clock.withZone(zone)).withDayOfMonth(1);
        for (Catalogue.Form form : catalogue.forms()) {
            for (Catalogue.Office office : catalogue.offices()) {
                double months = Math.round((2 + random.nextDouble() * 28) * 2) / 2.0;
                jdbc.sql("""
                                insert into processing_time (form_number, office_code, months_80pct, published_on)
                                values (?, ?, ?, ?) on conflict do nothing""")
                        .params(form.number(), office.code(), months, published).update();
            }
        }
    }

    /** Rows waiting to be copied in. */
    private final class Batch {
        private final StringBuilder cases = new StringBuilder(1 << 20);
        private final StringBuilder events = new StringBuilder(1 << 22);
        private int size;
        private final DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

        void add(String receipt, String form, String office, LocalDate received, List<String> path, boolean sentToDos,
                 List<LocalDate> dates) {
            Instant last = null;
            for (int i = 0; i < path.size(); i++) {
                // mid-morning Eastern, a few minutes apart, so the order of a day's events is clear
                var at = dates.get(i).atTime(9 + (i % 8), (i * 7) % 60).atZone(zone);
                last = at.toInstant();
                events.append(receipt).append('\t').append(path.get(i)).append('\t').append(iso.format(at)).append('\n');
            }
            String status = path.getLast();
            cases.append(receipt).append('\t').append(form).append('\t').append(received).append('\t')
                    .append(status).append('\t').append(iso.format(last.atZone(zone))).append('\t')
                    .append(office).append('\t').append("\\N").append('\t').append(sentToDos ? 't' : 'f').append('\n');
            size++;
        }

        int size() {
            return size;
        }

        void flush() throws SQLException, IOException {
            if (size == 0) {
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                var copy = connection.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn("copy case_record (receipt_number, form_number, received_date, status_code, status_at, "
                        + "office_code, applicant_reference, sent_to_dos) from stdin", new StringReader(cases.toString()));
                copy.copyIn("copy case_status_event (receipt_number, status_code, occurred_at) from stdin",
                        new StringReader(events.toString()));
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            cases.setLength(0);
            events.setLength(0);
            size = 0;
        }
    }

}
