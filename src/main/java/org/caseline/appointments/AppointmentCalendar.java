package org.caseline.appointments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.caseline.directory.Office;
import org.caseline.platform.FederalHolidays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An office's calendar of one type: slots of the type's length through the office's opening hours,
 * in its own time zone (so 7:30 a.m. stays 7:30 a.m. across a change of daylight saving time), on
 * business days that the office has not blacked out. A day's slots are made the first time
 * anyone looks at or books it, once: every node may make them, the database keeps one of each.
 */
@Component
class AppointmentCalendar {

    /** One slot; {@code free} is what is left of its capacity. */
    record Slot(long id, String office, String type, Instant start, Instant end, int capacity, int booked) {
        int free() {
            return capacity - booked;
        }
    }

    private final JdbcClient jdbc;
    private final AppointmentTypes types;
    /** The office, type and day whose slots this node has already made sure of. */
    private final Set<String> made = ConcurrentHashMap.newKeySet();

    AppointmentCalendar(JdbcClient jdbc, AppointmentTypes types) {
        this.jdbc = jdbc;
        this.types = types;
    }

    /** Makes sure the slots of these days exist. */
    void ensure(Office office, AppointmentTypes.Type type, LocalDate from, LocalDate to) {
        AppointmentTypes.Hours hours = types.hours(office.kind()).orElseThrow();
        ZoneId zone = ZoneId.of(office.timeZone());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String key = office.code() + "|" + type.code() + "|" + day;
            if (made.contains(key)) {
                continue;
            }
            boolean open = FederalHolidays.isBusinessDay(day) && jdbc.sql("select count(*) from appointment_blackout where office = ? and day = ?")
                    .params(office.code(), day).query(Integer.class).single() == 0;
            if (open) {
                // the day's slots in one statement: a caller on the phone waits for the first look at a day
                List<Timestamp> starts = new ArrayList<>();
                // opening hours end before midnight (checked at start-up), so the times never wrap
                for (LocalTime at = hours.open(); !at.plusMinutes(type.minutes()).isAfter(hours.close()); at = at.plusMinutes(type.minutes())) {
                    starts.add(Timestamp.from(day.atTime(at).atZone(zone).toInstant()));
                }
                jdbc.sql("""
                                insert into appointment_slot (office, type, starts_at, ends_at, capacity)
                                select ?, ?, s, s + make_interval(mins => ?), ? from unnest(?::timestamptz[]) as s
                                on conflict do nothing""")
                        .params(office.code(), type.code(), type.minutes(), type.capacity(), starts.toArray(Timestamp[]::new)).update();
            }
            made.add(key);
        }
    }

    /** The slots of these days with room left, earliest first, from {@code notBefore} on. */
    List<Slot> free(Office office, AppointmentTypes.Type type, LocalDate from, LocalDate to, Instant notBefore, int limit) {
        ensure(office, type, from, to);
        ZoneId zone = ZoneId.of(office.timeZone());
        return jdbc.sql("""
                        select id, office, type, starts_at, ends_at, capacity, booked from appointment_slot
                        where office = ? and type = ? and starts_at >= ? and starts_at < ? and starts_at > ? and booked < capacity
                        order by starts_at limit ?""")
                .params(office.code(), type.code(), Timestamp.from(from.atStartOfDay(zone).toInstant()),
                        Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()), Timestamp.from(notBefore), limit)
                .query(AppointmentCalendar::slot).list();
    }

    java.util.Optional<Slot> at(String office, String type, Instant start) {
        return jdbc.sql("select id, office, type, starts_at, ends_at, capacity, booked from appointment_slot where office = ? and type = ? and starts_at = ?")
                .params(office, type, Timestamp.from(start)).query(AppointmentCalendar::slot).optional();
    }

    java.util.Optional<Slot> byId(long id) {
        return jdbc.sql("select id, office, type, starts_at, ends_at, capacity, booked from appointment_slot where id = ?")
                .param(id).query(AppointmentCalendar::slot).optional();
    }

    /** Takes one place in the slot, if one is left: the one statement that decides, under any concurrency. */
    boolean take(long slot) {
        return jdbc.sql("update appointment_slot set booked = booked + 1 where id = ? and booked < capacity").param(slot).update() == 1;
    }

    void release(long slot) {
        jdbc.sql("update appointment_slot set booked = booked - 1 where id = ? and booked > 0").param(slot).update();
    }

    private static Slot slot(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Slot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                rs.getInt(6), rs.getInt(7));
    }
}
