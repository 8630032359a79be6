package io.tongxin.event.reminder;

import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.event.reminder.ReminderFixtures.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Quiet hours (22:00-07:00 in tongxin.zone) end to end: planned due times and what firing does. */
@QuarkusTest
class ReminderQuietHoursFiringTest {

    @Inject
    ReminderFixtures f;

    @Inject
    ReminderDispatcher dispatcher;

    @Test
    void shouldSendA2300ReminderForA0900SessionAt0700() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(4, LocalTime.of(9, 0));
        Instant seven = f.local(4, LocalTime.of(7, 0));
        long event = f.event(code, "PT10H", start); // nominally 23:00 the evening before
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        assertEquals(seven, f.reminders(event).get(0).dueAt(), "planned for the end of quiet hours");
        f.moveTo(start.minus(Duration.ofHours(10)).plusSeconds(30)); // 23:00
        f.fireAll(dispatcher);
        assertEquals("pending", f.reminders(event).get(0).status());
        f.moveTo(seven.plusSeconds(5));
        f.fireAll(dispatcher);
        assertEquals("sent", f.reminders(event).get(0).status());
        assertEquals(1, f.outbox(code).size());
    }

    @Test
    void shouldSendA2300ReminderForA0630SessionAtOnce() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(4, LocalTime.of(6, 30));
        long event = f.event(code, "PT7H30M", start);
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        Instant eleven = start.minus(Duration.ofMinutes(450));
        assertEquals(eleven, f.reminders(event).get(0).dueAt());
        f.moveTo(eleven.plusSeconds(5));
        f.fireAll(dispatcher);
        assertEquals("sent", f.reminders(event).get(0).status());
        assertEquals(1, f.outbox(code).size());
    }

    @Test
    void shouldSkipA2300ReminderForASessionWithin30MinutesWithTheReason() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(4, LocalTime.of(23, 20));
        long event = f.event(code, "PT20M", start);
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        f.moveTo(start.minus(Duration.ofMinutes(20)).plusSeconds(5));
        f.fireAll(dispatcher);
        Row r = f.reminders(event).get(0);
        assertEquals("skipped", r.status());
        assertTrue(r.reason().startsWith("quiet hours"), r.reason());
        assertEquals(0, f.outbox(code).size());
    }

    @Test
    void shouldMoveACatchUpClaimedInsideQuietHoursToTheirEnd() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(4, LocalTime.of(9, 0));
        Instant seven = f.local(4, LocalTime.of(7, 0));
        long event = f.event(code, "PT12H", start); // due 21:00, the service is down until 23:00
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        f.moveTo(start.minus(Duration.ofHours(10)));
        f.fireAll(dispatcher);
        Row r = f.reminders(event).get(0);
        assertEquals("pending", r.status());
        assertEquals(seven, r.dueAt(), "moved to the end of quiet hours");
        assertEquals(0, f.outbox(code).size());
    }
}
