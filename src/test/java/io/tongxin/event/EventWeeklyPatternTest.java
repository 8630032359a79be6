package io.tongxin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxin.shared.DomainException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventWeeklyPatternTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldExpandSaturdaysAndSundaysSkippingTheExceptions() {
        WeeklyPattern p = new WeeklyPattern(
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(9, 30),
                LocalTime.of(11, 0),
                LocalDate.of(2027, 3, 6),
                LocalDate.of(2027, 3, 21),
                Set.of(LocalDate.of(2027, 3, 14)));
        List<WeeklyPattern.Occurrence> o = p.expand(SHANGHAI);
        // 6, 7, 13, (14 excepted), 20, 21
        assertEquals(5, o.size());
        assertEquals(Instant.parse("2027-03-06T01:30:00Z"), o.get(0).startsAt());
        assertEquals(Instant.parse("2027-03-06T03:00:00Z"), o.get(0).endsAt());
        assertEquals(Instant.parse("2027-03-13T01:30:00Z"), o.get(2).startsAt());
        assertEquals(Instant.parse("2027-03-20T01:30:00Z"), o.get(3).startsAt());
    }

    @Test
    void shouldKeepTheLocalTimeAcrossTheDatesWhenOtherZonesChangeTheirClocks() {
        // Europe and the US move their clocks in March; Shanghai does not: 09:30 is 01:30Z all along
        WeeklyPattern p = new WeeklyPattern(
                EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(9, 30),
                LocalTime.of(11, 0),
                LocalDate.of(2027, 3, 1),
                LocalDate.of(2027, 4, 30),
                Set.of());
        for (WeeklyPattern.Occurrence o : p.expand(SHANGHAI)) {
            assertEquals(LocalTime.of(1, 30), LocalTime.ofInstant(o.startsAt(), ZoneId.of("UTC")));
        }
        assertEquals(8, p.expand(SHANGHAI).size()); // Sundays 7, 14, 21, 28 March and 4, 11, 18, 25 April
    }

    @Test
    void shouldReadDaysInSeveralSpellings() {
        assertEquals(DayOfWeek.MONDAY, WeeklyPattern.parseDay("d", "MONDAY"));
        assertEquals(DayOfWeek.SATURDAY, WeeklyPattern.parseDay("d", "sat"));
        assertEquals(DayOfWeek.SUNDAY, WeeklyPattern.parseDay("d", "7"));
        assertEquals(DayOfWeek.SUNDAY, WeeklyPattern.parseDay("d", "周日"));
        assertEquals(DayOfWeek.WEDNESDAY, WeeklyPattern.parseDay("d", "星期三"));
        DomainException e =
                assertThrows(DomainException.class, () -> WeeklyPattern.parseDay("weekly.daysOfWeek[0]", "funday"));
        assertEquals("weekly.daysOfWeek[0]", e.field());
    }
}
