package io.tongxin.event.reminder;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.support.AlternateSettings;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The organizers' daily digest of tomorrow's sessions: at 18:00, once per day, none when there is nothing. */
@QuarkusTest
@TestProfile(AlternateSettings.class)
class ReminderDigestTest {

    @Inject
    ReminderFixtures f;

    @Inject
    OrganizerDigest digest;

    @Inject
    EntityManager em;

    @Test
    void shouldSendTomorrowsSessionsWithCountsToTheOrganizerGroupOncePerDay() {
        String channel = ReminderFixtures.bridgeChannel();
        int status = admin().body(Map.of(
                        "code",
                        AlternateSettings.ORGANIZER_GROUP,
                        "channelKey",
                        channel,
                        "chatId",
                        "organizers@chatroom",
                        "name",
                        "组织者群",
                        "sectorCode",
                        sector()))
                .post("/api/groups")
                .statusCode();
        assertTrue(status == 201 || status == 409, "organizer group: " + status);
        try {
            digestOfTomorrow(channel);
        } finally {
            if (status == 201) { // OrganizerGroupTest (same profile) expects to create this group itself
                admin().delete("/api/groups/" + AlternateSettings.ORGANIZER_GROUP)
                        .then()
                        .statusCode(204);
            }
        }
    }

    private void digestOfTomorrow(String channel) {
        String code = uniq("ev");
        long event = f.event(code, "PT2H", f.local(31, LocalTime.of(9, 30)), f.local(31, LocalTime.of(15, 0)));
        f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        f.register(event, channel, "wx-b", RegistrationStatus.REGISTERED);
        f.register(event, channel, "wx-c", RegistrationStatus.WAITLISTED);
        String key = "event-digest:"
                + f.local(31, LocalTime.NOON)
                        .atZone(java.time.ZoneId.of("Asia/Shanghai"))
                        .toLocalDate();

        f.moveTo(f.local(30, LocalTime.of(17, 59)));
        assertEquals(OrganizerDigest.Outcome.NOT_YET, digest.sendIfDue());
        f.moveTo(f.local(0, LocalTime.of(18, 0, 5))); // the same day, 18:00
        assertEquals(OrganizerDigest.Outcome.QUEUED, digest.sendIfDue());
        assertEquals(OrganizerDigest.Outcome.ALREADY_QUEUED, digest.sendIfDue(), "once per day");
        List<String> bodies = digests(key);
        assertEquals(1, bodies.size());
        String body = bodies.get(0);
        assertTrue(body.startsWith("【明日活动】"), body);
        assertTrue(body.contains("09:30 街舞公益课堂 " + code + " 第1场 @山丹县文化馆 已报名 2 人"), body);
        assertTrue(body.contains("15:00 街舞公益课堂 " + code + " 第2场"), body);
        assertTrue(!body.contains("[Tomorrow]") && !body.contains("registered"), "zh-CN only: " + body);
    }

    @Test
    void shouldSendNothingWhenThereAreNoSessionsTomorrow() {
        f.moveTo(f.local(200, LocalTime.of(19, 0)));
        assertEquals(OrganizerDigest.Outcome.NO_SESSIONS, digest.sendIfDue());
    }

    private static String sector() {
        String s = uniq("sec");
        admin().body(Map.of("code", s, "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        return s;
    }

    @SuppressWarnings("unchecked")
    private List<String> digests(String key) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select body from outbox_message where idempotency_key = ?1")
                        .setParameter(1, key)
                        .getResultList());
    }
}
