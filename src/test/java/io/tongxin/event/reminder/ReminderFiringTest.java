package io.tongxin.event.reminder;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.event.EventChanged;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.event.Rsvp;
import io.tongxin.event.reminder.ReminderFixtures.Row;
import io.tongxin.event.reminder.ReminderFixtures.Sent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/** Due reminders become outbox messages once: on time, late after downtime, or skipped with the reason. */
@QuarkusTest
class ReminderFiringTest {

    @Inject
    ReminderFixtures f;

    @Inject
    ReminderDispatcher dispatcher;

    @Inject
    EntityManager em;

    @Test
    void shouldWordEachReminderInTheLanguageOfTheChannelItGoesOutOn() {
        String english = ReminderFixtures.bridgeChannel(admin(), "en");
        String chinese = ReminderFixtures.bridgeChannel();
        String member = ReminderFixtures.member(chinese);
        String code = uniq("ev");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT2H", start);
        String reg = f.register(event, english, "wx-en", RegistrationStatus.REGISTERED);
        f.invite(event, member, Rsvp.ATTENDING);

        f.moveTo(start.minus(Duration.ofHours(2)).plusSeconds(5));
        f.fireAll(dispatcher);
        List<Sent> sent = f.outbox(code);
        assertEquals(2, sent.size(), sent.toString());
        String toRegistrant = sent.stream()
                .filter(s -> s.target().equals("user:wx-en"))
                .findFirst()
                .orElseThrow()
                .body();
        assertTrue(toRegistrant.startsWith("[Reminder] 街舞公益课堂 " + code), toRegistrant);
        assertTrue(toRegistrant.contains("When: ") && toRegistrant.contains("10:00"), toRegistrant);
        assertTrue(toRegistrant.contains("Registration: " + reg), toRegistrant);
        for (String chinese1 : List.of("【活动提醒】", "时间：", "地点：", "报名编号")) {
            assertFalse(toRegistrant.contains(chinese1), "English only on an en channel: " + toRegistrant);
        }
        String toMember = sent.stream()
                .filter(s -> s.target().equals("user:wx-" + member))
                .findFirst()
                .orElseThrow()
                .body();
        assertTrue(toMember.startsWith("【活动提醒】") && !toMember.contains("[Reminder]"), toMember);
    }

    @Test
    void shouldSendADueReminderOnceWithTitleTimeVenueAndCode() {
        String channel = ReminderFixtures.bridgeChannel();
        String member = ReminderFixtures.member(channel);
        String code = uniq("ev");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT2H", start);
        String reg = f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        f.invite(event, member, Rsvp.ATTENDING);
        f.fireAll(dispatcher); // nothing of this event is due yet
        assertTrue(f.reminders(event).stream().allMatch(r -> r.status().equals("pending")));

        f.moveTo(start.minus(Duration.ofHours(2)).plusSeconds(5));
        f.fireAll(dispatcher);
        List<Row> rows = f.reminders(event);
        assertTrue(rows.stream().allMatch(r -> r.status().equals("sent") && r.firedAt() != null), rows.toString());
        List<Sent> sent = f.outbox(code);
        assertEquals(2, sent.size());
        Row toReg = rows.stream().filter(r -> r.ref().equals(reg)).findFirst().orElseThrow();
        Sent msg = sent.stream()
                .filter(s -> s.key().equals("event-reminder:" + toReg.id()))
                .findFirst()
                .orElseThrow();
        assertEquals("user:wx-a", msg.target());
        assertEquals("event:" + code, msg.origin());
        assertTrue(msg.body().startsWith("【活动提醒】街舞公益课堂 " + code), msg.body());
        assertTrue(msg.body().contains("10:00")
                && msg.body().contains("山丹县文化馆")
                && msg.body().contains(reg));
        assertFalse(msg.body().contains("[Reminder]"), "one language, the channel's (zh-CN): " + msg.body());
        Sent toMember = sent.stream().filter(s -> !s.equals(msg)).findFirst().orElseThrow();
        assertEquals("user:wx-" + member, toMember.target());

        f.moveTo(start.minus(Duration.ofMinutes(30)));
        f.fireAll(dispatcher);
        assertEquals(2, f.outbox(code).size(), "each fires once");
        String metrics = admin().accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                metrics.lines()
                        .anyMatch(
                                l -> l.startsWith("tongxin_event_reminders_total{") && l.contains("outcome=\"sent\"")),
                () -> metrics.lines()
                        .filter(l -> l.contains("reminder"))
                        .toList()
                        .toString());
        assertTrue(metrics.contains("tongxin_event_reminder_lateness_seconds_count"), "lateness timer");
    }

    @Test
    void shouldSendAReminderMissedWhileDownLateIfTheSessionHasNotStarted() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT2H", start);
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        f.moveTo(start.minus(Duration.ofMinutes(40))); // down from 08:00 to 09:20
        f.fireAll(dispatcher);
        Row r = f.reminders(event).get(0);
        assertEquals("sent", r.status());
        assertTrue(Duration.between(r.dueAt(), r.firedAt()).toMinutes() >= 79, "fired late: " + r);
        assertEquals(1, f.outbox(code).size());
    }

    @Test
    void shouldSkipAReminderMissedWhileDownWhenTheSessionHasStarted() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT24H,PT2H", start);
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        f.moveTo(start.plus(Duration.ofMinutes(10)));
        f.fireAll(dispatcher);
        for (Row r : f.reminders(event)) {
            assertEquals("skipped", r.status());
            assertTrue(r.reason().startsWith("missed while the service was down"), r.reason());
            assertNull(r.firedAt());
        }
        assertEquals(List.of(), f.outbox(code));
    }

    @Test
    void shouldSkipWhenTheRegistrationWasCancelledMeanwhileOrNobodyCanBeReached() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT2H", start);
        String gone = f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        String byApi = f.register(event, null, null, RegistrationStatus.REGISTERED);
        f.setRegistration(event, gone, RegistrationStatus.CANCELLED, false); // not re-planned yet
        f.moveTo(start.minus(Duration.ofMinutes(100)));
        f.fireAll(dispatcher);
        for (Row r : f.reminders(event)) {
            assertEquals("skipped", r.status());
            assertTrue(r.reason().contains(r.ref().equals(byApi) ? "unreachable" : "cancelled meanwhile"), r.reason());
        }
        assertEquals(List.of(), f.outbox(code));
    }

    @Test
    void shouldNeverFireARowTwiceWithFourClaimersAtOnce() throws Exception {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev-race");
        Instant start = f.local(3, LocalTime.of(10, 0));
        long event = f.event(code, "PT2H", start);
        int n = 2000;
        QuarkusTransaction.requiringNew()
                .run(() -> em.unwrap(Session.class).doWork(c -> {
                    try (PreparedStatement ps = c.prepareStatement("insert into event_registration (event_id, code,"
                            + " participant_name, channel_key, user_id, status, created_at) values (?, ?, '小明', ?, ?,"
                            + " 'registered', now())")) {
                        for (int i = 0; i < n; i++) {
                            ps.setLong(1, event);
                            ps.setString(2, String.format("R%07d", i));
                            ps.setString(3, channel);
                            ps.setString(4, "wx-" + i);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }));
        f.fire(event, EventChanged.Change.REGISTRATIONS);
        assertEquals(n, f.reminders(event).size());
        f.moveTo(start.minus(Duration.ofMinutes(110)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> claimers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            claimers.add(pool.submit(() -> f.fireAll(dispatcher)));
        }
        int claimed = 0;
        for (Future<Integer> c : claimers) {
            claimed += c.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(claimed >= n, "claimed " + claimed);
        List<Row> rows = f.reminders(event);
        assertTrue(rows.stream().allMatch(r -> r.status().equals("sent")));
        List<Sent> sent = f.outbox(code);
        assertEquals(n, sent.size());
        Set<String> targets = new HashSet<>();
        sent.forEach(s -> targets.add(s.target()));
        assertEquals(n, targets.size(), "one message per registrant");
        f.delete(event);
    }
}
