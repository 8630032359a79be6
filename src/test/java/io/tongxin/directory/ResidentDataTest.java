package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.support.Api;
import io.tongxin.support.ChatWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A resident's rights under the Personal Information Protection Law, on data built through signed
 * webhooks over real HTTP: the export holds everything (identity, name, phone in full, opinions with
 * history, messages, registrations); the erasure removes name, phone, identity and texts everywhere
 * the API shows them while the opinion and registration rows, and so the counts, stay; a repeat
 * changes nothing; both are audited and only admins may do them.
 */
@QuarkusTest
class ResidentDataTest {

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Test
    void shouldExportEverythingAndEraseThePersonalDataKeepingTheCounts() {
        ChatWorld w = ChatWorld.create();
        String userId = "wxid_pd_" + w.member;
        String name = "甄秀兰" + w.member.substring(w.member.length() - 3);
        String phone = phone();
        String concern = "楼道灯坏了半个月，联系我 " + phone;
        String number = w.report(userId, name, concern);
        w.settle();
        w.memberSays("收到 " + number);
        w.settle();
        String code = (String) w.resident(userId).get("code");
        admin().body(Map.of(
                        "code", code, "channelKey", w.channel, "userId", userId, "displayName", name, "phone", phone))
                .put("/api/residents/" + code)
                .then()
                .statusCode(200)
                .body("phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)));
        String event = Api.uniq("pd-ev");
        Instant start = Instant.now().plus(Duration.ofDays(3));
        admin().body(Map.of(
                        "code",
                        event,
                        "kind",
                        "class",
                        "title",
                        "隐私课堂",
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
        admin().post("/api/events/" + event + "/publish").then().statusCode(200);
        String registration = admin().body(
                        Map.of("participantName", name, "residentCode", code, "communityCode", w.community))
                .post("/api/events/" + event + "/registrations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");

        // the export: everything, the phone in full (the person's own copy)
        JsonPath data = admin().get("/api/residents/" + code + "/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(code, data.getString("code"));
        assertEquals(name, data.getString("displayName"));
        assertEquals(phone, data.getString("phone"));
        assertEquals(List.of(Map.of("channelKey", w.channel, "userId", userId)), data.getList("identities"));
        assertEquals(number, data.getString("opinions[0].number"));
        assertTrue(data.getString("opinions[0].text").contains("楼道灯坏了半个月"));
        assertEquals(List.of("created", "routed", "acknowledged"), data.getList("opinions[0].history.type"));
        assertEquals("acknowledged", data.getString("opinions[0].status"));
        assertTrue(data.getList("messages.text").stream()
                .anyMatch(t -> String.valueOf(t).contains("楼道灯坏了半个月")));
        assertEquals(name, data.getString("messages[0].senderName"));
        assertEquals(registration, data.getString("registrations[0].code"));
        assertEquals(name, data.getString("registrations[0].participantName"));
        assertTrue(data.getList("media").isEmpty());

        // what the reports count, before
        String category =
                admin().get("/api/opinions/" + number).then().extract().path("category");
        int filed = opinionsIn(w.community);
        int registered = admin().get("/api/events/" + event + "/registrations")
                .then()
                .extract()
                .path("total");

        // erasure
        JsonPath erased = admin().post("/api/residents/" + code + "/erase")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(code, erased.getString("code"));
        assertTrue(erased.getInt("changed.opinions") >= 1, erased.prettify());
        assertTrue(erased.getInt("changed.messages") >= 1, erased.prettify());
        assertEquals(1, erased.getInt("changed.registrations"));
        assertEquals(1, erased.getInt("changed.resident"));

        // nothing personal left in what the API shows
        admin().get("/api/residents/" + code)
                .then()
                .statusCode(200)
                .body("displayName", nullValue())
                .body("phone", nullValue())
                .body("channelKey", nullValue())
                .body("userId", nullValue());
        String opinion = admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("text", equalTo("[已删除]"))
                .body("status", equalTo("acknowledged"))
                .body("category", equalTo(category))
                .body("communityCode", equalTo(w.community))
                .body("assignee.code", equalTo(w.member))
                .extract()
                .asString();
        String inbox = admin().queryParam("channelKey", w.channel)
                .queryParam("size", 500)
                .get("/api/inbox")
                .asString();
        String outbox = admin().queryParam("origin", "opinion:" + number)
                .get("/api/outbox")
                .asString();
        String registrations =
                admin().get("/api/events/" + event + "/registrations").asString();
        String after = admin().get("/api/residents/" + code + "/data")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String shown : List.of(opinion, inbox, outbox, registrations, after)) {
            assertFalse(shown.contains(name), shown);
            assertFalse(shown.contains(phone), shown);
            assertFalse(shown.contains(phone.substring(7)) && shown.contains(phone.substring(0, 3) + "****"), shown);
            assertFalse(shown.contains("楼道灯坏了"), shown);
            assertFalse(shown.contains(userId), shown);
        }
        // the counts stay
        assertEquals(filed, opinionsIn(w.community));
        assertEquals(registered, (int) admin().get("/api/events/" + event + "/registrations")
                .then()
                .extract()
                .path("total"));

        // idempotent: a repeat changes nothing
        JsonPath again = admin().post("/api/residents/" + code + "/erase")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Integer> changed = again.getMap("changed");
        assertTrue(changed.values().stream().allMatch(n -> n == 0), changed.toString());

        // both audited, without the personal data
        List<Map<String, Object>> trail = admin().queryParam("subjectType", "resident")
                .queryParam("subject", code)
                .queryParam("size", 100)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        List<Object> actions = trail.stream().map(e -> e.get("action")).toList();
        assertTrue(actions.contains("resident.export") && actions.contains("resident.erase"), actions.toString());
        String audit = admin().queryParam("size", 500).get("/api/audit").asString();
        assertFalse(audit.contains(name), "the audit trail forgets the name");
        assertFalse(audit.contains(userId), "the audit trail forgets the identity");
    }

    @Test
    void shouldLetOnlyAdminsExportOrErase() {
        String code = Api.uniq("pd-r");
        admin().body(Map.of("code", code, "displayName", "只读居民"))
                .post("/api/residents")
                .then()
                .statusCode(201);
        String organizer = Api.mint("organizer", null);
        Api.as(organizer).get("/api/residents/" + code + "/data").then().statusCode(403);
        Api.as(organizer).post("/api/residents/" + code + "/erase").then().statusCode(403);
        admin().get("/api/residents/nope-" + code + "/data").then().statusCode(404);
        admin().post("/api/residents/nope-" + code + "/erase").then().statusCode(404);
        admin().get("/api/residents/" + code).then().statusCode(200).body("displayName", equalTo("只读居民"));
    }

    private static int opinionsIn(String community) {
        return admin().queryParam("communityCode", community)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }
}
