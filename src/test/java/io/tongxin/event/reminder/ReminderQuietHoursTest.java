package io.tongxin.event.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The quiet-hours rule on its own (plain JUnit). */
class ReminderQuietHoursTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final QuietHours QUIET = QuietHours.parse("22:00-07:00", ZONE, Duration.ofMinutes(30));

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    @Test
    void shouldMoveA2300ReminderForA0900SessionTo0700() {
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-03T07:00")),
                QUIET.decide(at("2026-12-02T23:00"), at("2026-12-03T09:00")));
    }

    @Test
    void shouldSendAtOnceWhenQuietHoursEndAfterTheSessionStartsAndItIsMoreThan30MinutesAway() {
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-02T23:00")),
                QUIET.decide(at("2026-12-02T23:00"), at("2026-12-03T06:30")));
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-02T23:00")),
                QUIET.decide(at("2026-12-02T23:00"), at("2026-12-02T23:50")));
    }

    @Test
    void shouldSkipWhenTheSessionIs30MinutesAwayOrLess() {
        assertInstanceOf(QuietHours.Decision.Skip.class, QUIET.decide(at("2026-12-02T23:00"), at("2026-12-02T23:20")));
        assertInstanceOf(QuietHours.Decision.Skip.class, QUIET.decide(at("2026-12-02T23:00"), at("2026-12-02T23:30")));
        assertInstanceOf(QuietHours.Decision.Skip.class, QUIET.decide(at("2026-12-03T05:00"), at("2026-12-03T05:15")));
    }

    @Test
    void shouldLeaveTimesOutsideQuietHoursAlone() {
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-02T21:59")),
                QUIET.decide(at("2026-12-02T21:59"), at("2026-12-02T22:30")));
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-03T07:00")),
                QUIET.decide(at("2026-12-03T07:00"), at("2026-12-03T09:00")));
        assertTrue(QUIET.quietUntil(at("2026-12-02T22:00")).isPresent(), "22:00 is quiet");
        assertFalse(QUIET.quietUntil(at("2026-12-03T07:00")).isPresent(), "07:00 is not");
        assertEquals(
                at("2026-12-03T07:00"), QUIET.quietUntil(at("2026-12-03T03:00")).orElseThrow());
    }

    @Test
    void shouldHandleAWindowThatDoesNotWrapAndNone() {
        QuietHours lunch = QuietHours.parse("12:00-14:00", ZONE, Duration.ofMinutes(30));
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-02T14:00")),
                lunch.decide(at("2026-12-02T12:30"), at("2026-12-02T16:00")));
        QuietHours none = QuietHours.parse("none", ZONE, Duration.ofMinutes(30));
        assertEquals(
                new QuietHours.Decision.SendAt(at("2026-12-02T23:00")),
                none.decide(at("2026-12-02T23:00"), at("2026-12-02T23:10")));
    }

    @Test
    void shouldRefuseAMalformedSettingNamingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> QuietHours.parse("22-7", ZONE, Duration.ofMinutes(30)));
        assertTrue(e.getMessage().contains("tongxin.quiet-hours"));
    }
}
