package io.tongxin.audit;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import io.tongxin.support.ChatWorld;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail over real HTTP: admin-API changes (directory with before/after, channels, tokens,
 * opinion actions, events and registrations) and chat actions (a member's 收到/办结, a resident's
 * rating) each leave one entry with who, what and when; secrets never and phones only masked; only
 * admins read it; filters; the retention purge.
 */
@QuarkusTest
class AuditTest {

    @Inject
    MutableClock clock;

    @Inject
    AuditRetention retention;

    private static List<Map<String, Object>> entries(String subjectType, String subject) {
        return admin().queryParam("subjectType", subjectType)
                .queryParam("subject", subject)
                .queryParam("size", 100)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private static Map<String, Object> only(List<Map<String, Object>> entries, String action) {
        List<Map<String, Object>> found =
                entries.stream().filter(e -> action.equals(e.get("action"))).toList();
        assertEquals(1, found.size(), action + " in " + entries);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void shouldRecordDirectoryChangesWithBeforeAndAfterAndWho() {
        String organizerLabel = Api.uniq("办公室");
        var minted = admin().body(Map.of("role", "organizer", "label", organizerLabel))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract();
        String organizer = minted.path("token");
        int tokenId = minted.path("id");
        String code = Api.uniq("res");
        Instant before = clock.instant().minusSeconds(1);
        Api.as(organizer)
                .body(Map.of("code", code, "displayName", "审计测试", "phone", "13912345678"))
                .post("/api/residents")
                .then()
                .statusCode(201);
        Api.as(organizer)
                .body(Map.of("code", code, "displayName", "审计测试改", "phone", "13812345678"))
                .put("/api/residents/" + code)
                .then()
                .statusCode(200);
        // an update that changes nothing is not a change
        Api.as(organizer)
                .body(Map.of("code", code, "displayName", "审计测试改", "phone", "138****5678"))
                .put("/api/residents/" + code)
                .then()
                .statusCode(200);
        admin().delete("/api/residents/" + code).then().statusCode(204);

        List<Map<String, Object>> trail = entries("resident", code);
        assertEquals(3, trail.size(), trail.toString());
        assertEquals(
                List.of("resident.delete", "resident.update", "resident.create"),
                trail.stream().map(e -> e.get("action")).toList(),
                "newest first");
        Map<String, Object> created = only(trail, "resident.create");
        assertEquals("api", created.get("via"));
        assertEquals(
                Map.of("kind", "organizer", "id", "token:" + tokenId, "name", organizerLabel), created.get("actor"));
        assertNull(created.get("before"));
        assertEquals("139****5678", map(created.get("after")).get("phone"));
        assertTrue(Instant.parse((String) created.get("at")).isAfter(before));
        Map<String, Object> updated = only(trail, "resident.update");
        assertEquals("审计测试", map(updated.get("before")).get("displayName"));
        assertEquals("审计测试改", map(updated.get("after")).get("displayName"));
        assertEquals("138****5678", map(updated.get("after")).get("phone"));
        Map<String, Object> deleted = only(trail, "resident.delete");
        assertEquals("bootstrap-admin", map(deleted.get("actor")).get("id"));
        assertEquals("admin", map(deleted.get("actor")).get("kind"));
        assertNull(deleted.get("after"));
        String whole = admin().queryParam("subject", code).get("/api/audit").asString();
        assertFalse(whole.contains("13912345678") || whole.contains("13812345678"), whole);

        // filters: by actor, by time
        List<Map<String, Object>> byActor = admin().queryParam("actor", "token:" + tokenId)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertEquals(2, byActor.size(), byActor.toString());
        admin().queryParam("subject", code)
                .queryParam("from", clock.instant().plusSeconds(60).toString())
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        admin().queryParam("from", "yesterday").get("/api/audit").then().statusCode(400);
        // organizers and members may not read it
        Api.as(organizer).get("/api/audit").then().statusCode(403);
    }

    @Test
    void shouldRecordChannelsWithoutSecretsAndTokensMintedAndRevoked() {
        String key = Api.uniq("aud-ch");
        admin().body(Map.of(
                        "key", key,
                        "type", "bridge",
                        "name", "审计桥接",
                        "secret", "bridge-secret-for-the-audit-0001",
                        "sendUrl", "http://127.0.0.1:9/send?key=robot-secret-key-123"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        String robot = Api.uniq("aud-bot");
        admin().body(Map.of(
                        "key", robot,
                        "type", "wecom-bot",
                        "name", "审计机器人",
                        "token", "AuditT0kenValue9",
                        "encodingAesKey", Webhooks.AES_KEY))
                .post("/api/channels")
                .then()
                .statusCode(201);
        String channelTrail =
                admin().queryParam("subject", key).get("/api/audit").asString()
                        + admin().queryParam("subject", robot).get("/api/audit").asString();
        assertTrue(channelTrail.contains("channel.create"), channelTrail);
        assertTrue(channelTrail.contains("\"secretSet\":true"), channelTrail);
        for (String secret : List.of(
                "bridge-secret-for-the-audit-0001", "robot-secret-key-123", "AuditT0kenValue9", Webhooks.AES_KEY)) {
            assertFalse(channelTrail.contains(secret), channelTrail);
        }

        var minted = admin().body(Map.of("role", "organizer", "label", "将被吊销"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract();
        int id = minted.path("id");
        String token = minted.path("token");
        admin().delete("/api/tokens/" + id).then().statusCode(200);
        List<Map<String, Object>> trail = entries("token", String.valueOf(id));
        assertEquals(
                List.of("token.revoke", "token.mint"),
                trail.stream().map(e -> e.get("action")).toList());
        assertNull(map(only(trail, "token.revoke").get("before")).get("revokedAt"));
        assertTrue(map(only(trail, "token.revoke").get("after")).get("revokedAt") != null);
        assertFalse(admin().queryParam("subject", String.valueOf(id))
                .get("/api/audit")
                .asString()
                .contains(token));
    }

    @Test
    void shouldRecordChatActionsAndApiOpinionActions() {
        ChatWorld w = ChatWorld.create();
        String number = w.report("wxid_aud_" + w.member, "审计居民", "审计测试：路灯不亮");
        w.settle();
        w.memberSays("收到 " + number);
        w.memberSays("办结 " + number + " 路灯已修好");
        w.settle();
        w.say(w.chatId, "wxid_aud_" + w.member, "审计居民", "5", false).then().statusCode(200);
        w.settle();
        admin().get("/api/opinions/" + number).then().statusCode(200).body("status", equalTo("closed"));

        List<Map<String, Object>> trail = entries("opinion", number);
        assertEquals(
                List.of("opinion.close", "opinion.resolve", "opinion.acknowledge", "opinion.create"),
                trail.stream().map(e -> e.get("action")).toList(),
                trail.toString());
        Map<String, Object> ack = only(trail, "opinion.acknowledge");
        assertEquals("chat", ack.get("via"));
        assertEquals(Map.of("kind", "member", "id", w.member, "name", w.member), ack.get("actor"));
        assertEquals(w.channel, ack.get("channelKey"));
        assertEquals("assigned", map(ack.get("before")).get("status"));
        assertEquals("acknowledged", map(ack.get("after")).get("status"));
        Map<String, Object> rated = only(trail, "opinion.close");
        assertEquals("resident", map(rated.get("actor")).get("kind"));
        assertEquals(
                w.channel + "/wxid_aud_" + w.member, map(rated.get("actor")).get("id"));
        assertEquals(5, map(rated.get("after")).get("satisfaction"));
        assertEquals("resident", map(only(trail, "opinion.create").get("actor")).get("kind"));
        String whole = admin().queryParam("subject", number).get("/api/audit").asString();
        assertFalse(whole.contains("路灯不亮"), "no opinion texts in the trail: " + whole);

        // an organizer's action through the API
        admin().body(Map.of("note", "已回访"))
                .post("/api/opinions/" + number + "/reopen")
                .then()
                .statusCode(200);
        Map<String, Object> reopened = entries("opinion", number).get(0);
        assertEquals("opinion.reopen", reopened.get("action"));
        assertEquals("api", reopened.get("via"));
    }

    @Test
    void shouldRecordEventsAndRegistrations() {
        ChatWorld w = ChatWorld.create();
        String code = Api.uniq("aud-ev");
        Instant start = clock.instant().plus(Duration.ofDays(3));
        admin().body(Map.of(
                        "code",
                        code,
                        "kind",
                        "class",
                        "title",
                        "审计课堂",
                        "venue",
                        "社区活动室",
                        "capacity",
                        10,
                        "audience",
                        Map.of("communityCodes", List.of(w.community)),
                        "sessions",
                        List.of(Map.of(
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plusSeconds(3600).toString()))))
                .post("/api/events")
                .then()
                .statusCode(201);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        String reg = admin().body(Map.of("participantName", "报名人甲"))
                .post("/api/events/" + code + "/registrations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
        admin().post("/api/events/" + code + "/registrations/" + reg + "/cancel")
                .then()
                .statusCode(200);
        assertEquals(
                List.of("event.publish", "event.create"),
                entries("event", code).stream().map(e -> e.get("action")).toList());
        List<Map<String, Object>> regs = entries("registration", code + "/" + reg);
        assertEquals(
                List.of("registration.cancel", "registration.create"),
                regs.stream().map(e -> e.get("action")).toList());
        assertEquals("cancelled", map(regs.get(0).get("after")).get("status"));
        assertFalse(admin().queryParam("subject", code + "/" + reg)
                .get("/api/audit")
                .asString()
                .contains("报名人甲"));
    }

    @Test
    void shouldPurgeEntriesOlderThanTheRetention() {
        String code = Api.uniq("aud-old");
        admin().body(Map.of("code", code, "name", "旧界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        assertEquals(1, entries("sector", code).size());
        clock.advance(Duration.ofDays(1094));
        retention.purge();
        assertEquals(1, entries("sector", code).size(), "kept within the three years");
        clock.advance(Duration.ofDays(2));
        assertTrue(retention.purge() >= 1);
        assertEquals(0, entries("sector", code).size());
        JsonPath page = admin().queryParam("size", 1)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(page.getList("items").size() <= 1);
    }
}
