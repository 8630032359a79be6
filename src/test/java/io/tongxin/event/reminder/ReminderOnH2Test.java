package io.tongxin.event.reminder;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tongxin.event.EventChanged;
import io.tongxin.event.EventStatus;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.event.reminder.ReminderFixtures.Row;
import io.tongxin.shared.EmbeddedModeTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * Reminders in the embedded mode (file H2, PostgreSQL mode): the planner's INSERT … SELECT … ON
 * CONFLICT, NOT IN cancels and due-time updates, and the dispatcher's SKIP LOCKED claim.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
class ReminderOnH2Test {

    @Inject
    ReminderFixtures f;

    @Inject
    ReminderDispatcher dispatcher;

    @Test
    void shouldPlanMoveFireAndCancelRemindersOnH2() {
        String channel = ReminderFixtures.bridgeChannel(given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer embedded-admin-token-0123456789ab"));
        String code = uniq("ev-h2");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT24H,PT2H", start, f.local(4, LocalTime.of(10, 0)));
        String a = f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        String b = f.register(event, channel, "wx-b", RegistrationStatus.REGISTERED);
        assertEquals(8, f.reminders(event).size());
        f.setRegistration(event, b, RegistrationStatus.CANCELLED, true);
        assertEquals(
                4,
                f.reminders(event).stream()
                        .filter(r -> r.status().equals("cancelled"))
                        .count());

        Instant moved = f.local(3, LocalTime.of(16, 0));
        f.reschedule(event, 1, moved, "城南校区");
        Row twoHours = f.reminders(event).stream()
                .filter(r ->
                        r.session() == 1 && r.offset().equals("PT2H") && r.ref().equals(a))
                .findFirst()
                .orElseThrow();
        assertEquals(moved.minus(Duration.ofHours(2)), twoHours.dueAt());
        assertEquals(1, f.outbox(code).size(), "the move told the one registrant");

        f.moveTo(moved.minus(Duration.ofMinutes(100)));
        f.fireAll(dispatcher);
        assertEquals(
                "sent",
                f.reminders(event).stream()
                        .filter(r -> r.id() == twoHours.id())
                        .findFirst()
                        .orElseThrow()
                        .status());
        assertTrue(f.outbox(code).stream().anyMatch(s -> s.key().equals("event-reminder:" + twoHours.id())));

        f.setStatus(event, EventStatus.CANCELLED, null, EventChanged.Change.CANCELLED);
        assertTrue(f.reminders(event).stream().noneMatch(r -> r.status().equals("pending")));
    }
}
