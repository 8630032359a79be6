package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registrations by API: window, capacity, quotas, duplicates, cancellation, check-in, bad input. */
@QuarkusTest
class RegistrationApiTest {

    @Inject
    MutableClock clock;

    @Inject
    RegistrationChanges changes;

    @Inject
    java.time.ZoneId zone;

    static Map<String, Object> person(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("participantName", name);
        return m;
    }

    static io.restassured.response.Response signUp(String event, Map<String, Object> body) {
        return admin().body(body).post("/api/events/" + event + "/registrations");
    }

    static long total(String event) {
        return ((Number) admin().get("/api/events/" + event + "/registrations")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("total"))
                .longValue();
    }

    @Test
    void shouldRegisterWithACodeFromTheUnambiguousAlphabet() {
        String event = EventFixtures.create(EventFixtures.spec().capacity(50), clock.instant());
        for (int i = 0; i < 20; i++) {
            signUp(event, person("参加者" + i))
                    .then()
                    .statusCode(201)
                    .body("code", matchesPattern("[A-HJ-NP-Z2-9]{8}"))
                    .body("status", equalTo("registered"))
                    .body("eventCode", equalTo(event))
                    .body("via", equalTo("api"));
        }
        assertEquals(20, total(event));
        assertTrue(RegistrationCodes.ALPHABET.chars().noneMatch(c -> "IO01".indexOf(c) >= 0));
        assertEquals(32, RegistrationCodes.ALPHABET.length());
    }

    @Test
    void shouldWaitlistWhenFullAndWhenTheCommunityQuotaIsFull() {
        List<String> c = EventFixtures.communities(2);
        String event = EventFixtures.create(EventFixtures.spec().capacity(3).quota(c.get(0), 1), clock.instant());
        Map<String, Object> a1 = person("甲一");
        a1.put("communityCode", c.get(0));
        Map<String, Object> a2 = person("甲二");
        a2.put("communityCode", c.get(0));
        Map<String, Object> b1 = person("乙一");
        b1.put("communityCode", c.get(1));
        signUp(event, a1).then().statusCode(201).body("status", equalTo("registered"));
        signUp(event, a2).then().statusCode(201).body("status", equalTo("waitlisted"));
        signUp(event, b1).then().statusCode(201).body("status", equalTo("registered"));
        signUp(event, person("无社区")).then().statusCode(201).body("status", equalTo("registered"));
        signUp(event, person("第五人")).then().statusCode(201).body("status", equalTo("waitlisted"));

        admin().queryParam("status", "waitlisted")
                .get("/api/events/" + event + "/registrations")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.participantName", equalTo(List.of("甲二", "第五人")));
        admin().queryParam("communityCode", c.get(0))
                .get("/api/events/" + event + "/registrations")
                .then()
                .body("total", equalTo(2));
        admin().get("/api/events/" + event + "/registrations/summary")
                .then()
                .statusCode(200)
                .body("capacity", equalTo(3))
                .body("registered", equalTo(3))
                .body("waitlisted", equalTo(2))
                .body("available", equalTo(0))
                .body("communities.find { it.communityCode == '" + c.get(0) + "' }.quota", equalTo(1))
                .body("communities.find { it.communityCode == '" + c.get(0) + "' }.registered", equalTo(1))
                .body("communities.find { it.communityCode == '" + c.get(0) + "' }.waitlisted", equalTo(1))
                .body("communities.find { it.communityCode == '" + c.get(0) + "' }.remaining", equalTo(0))
                .body("communities.find { it.communityCode == '" + c.get(1) + "' }.quota", nullValue());
    }

    @Test
    void shouldPromoteTheFirstWaitlistedWhoFitsTheirQuotaOnCancel() {
        List<String> c = EventFixtures.communities(2);
        String event = EventFixtures.create(EventFixtures.spec().capacity(2).quota(c.get(0), 1), clock.instant());
        Map<String, Object> a1 = person("甲一");
        a1.put("communityCode", c.get(0));
        Map<String, Object> a2 = person("甲二");
        a2.put("communityCode", c.get(0));
        Map<String, Object> b1 = person("乙一");
        b1.put("communityCode", c.get(1));
        Map<String, Object> b2 = person("乙二");
        b2.put("communityCode", c.get(1));
        signUp(event, a1).then().body("status", equalTo("registered"));
        String bFirst = signUp(event, b1)
                .then()
                .body("status", equalTo("registered"))
                .extract()
                .path("code");
        String aWait = signUp(event, a2)
                .then()
                .body("status", equalTo("waitlisted"))
                .extract()
                .path("code");
        String bWait = signUp(event, b2)
                .then()
                .body("status", equalTo("waitlisted"))
                .extract()
                .path("code");

        // b1 frees a place; a2 waits longer but A's quota is still full, so b2 gets it
        admin().post("/api/events/" + event + "/registrations/" + bFirst + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        admin().get("/api/events/" + event + "/registrations/" + bWait)
                .then()
                .body("status", equalTo("registered"))
                .body("promotedAt", org.hamcrest.Matchers.notNullValue());
        admin().get("/api/events/" + event + "/registrations/" + aWait).then().body("status", equalTo("waitlisted"));
        // cancelling again changes nothing
        admin().post("/api/events/" + event + "/registrations/" + bFirst + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        admin().get("/api/events/" + event + "/registrations/" + aWait).then().body("status", equalTo("waitlisted"));
        // four sign-ups and one cancellation (with its promotion) told the reminder planner; the repeat did not
        long id = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Event.<Event>find("code", event).firstResult().id);
        assertEquals(5, changes.count(id, EventChanged.Change.REGISTRATIONS));
    }

    @Test
    void shouldRefuseTheSameResidentAndNameTwiceWithTheExistingCode() {
        String event = EventFixtures.create(EventFixtures.spec(), clock.instant());
        String resident = Api.uniq("res");
        admin().body(Map.of("code", resident, "displayName", "王妈妈"))
                .post("/api/residents")
                .then()
                .statusCode(201);
        Map<String, Object> p = person("王小明");
        p.put("residentCode", resident);
        String code = signUp(event, p).then().statusCode(201).extract().path("code");
        Map<String, Object> again = person(" 王 小明 ");
        again.put("residentCode", resident);
        signUp(event, again).then().statusCode(409).body("detail", containsString(code));
        Map<String, Object> sibling = person("王小红");
        sibling.put("residentCode", resident);
        signUp(event, sibling).then().statusCode(201);
        assertEquals(2, total(event));
    }

    @Test
    void shouldTakeRegistrationsOnlyInsideTheWindowOfAPublishedEvent() {
        Instant now = clock.instant();
        String notYet = EventFixtures.create(EventFixtures.spec().opensAt(now.plus(Duration.ofHours(2))), now);
        signUp(notYet, person("早到")).then().statusCode(409).body("detail", containsString("opens at"));
        clock.advance(Duration.ofHours(3));
        signUp(notYet, person("早到")).then().statusCode(201);

        // default window: until the first session starts (tomorrow)
        String closing = EventFixtures.create(EventFixtures.spec(), clock.instant());
        signUp(closing, person("准时")).then().statusCode(201);
        clock.advance(Duration.ofHours(25));
        signUp(closing, person("迟到")).then().statusCode(409).body("detail", containsString("closed at"));
        assertEquals(1, total(closing));

        String draft = EventFixtures.create(EventFixtures.spec().status(EventStatus.DRAFT), clock.instant());
        signUp(draft, person("草稿")).then().statusCode(409).body("detail", containsString("not published"));
        String cancelled = EventFixtures.create(EventFixtures.spec().status(EventStatus.CANCELLED), clock.instant());
        signUp(cancelled, person("取消")).then().statusCode(409).body("detail", containsString("cancelled"));
        assertEquals(0, total(draft) + total(cancelled));
    }

    @Test
    void shouldNameTheFieldOfEveryBadInputAndChangeNothing() {
        String event = EventFixtures.create(EventFixtures.spec(), clock.instant());
        signUp(event, person("  ")).then().statusCode(400).body("violations[0].field", equalTo("participantName"));
        signUp(event, person("x".repeat(101)))
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("participantName"));
        Map<String, Object> old = person("老人");
        old.put("age", 121);
        signUp(event, old).then().statusCode(400).body("violations[0].field", equalTo("age"));
        old.put("age", -1);
        signUp(event, old).then().statusCode(400).body("violations[0].field", equalTo("age"));
        Map<String, Object> nowhere = person("某人");
        nowhere.put("communityCode", "no-such-community");
        signUp(event, nowhere).then().statusCode(400).body("violations[0].field", equalTo("communityCode"));
        Map<String, Object> nobody = person("某人");
        nobody.put("residentCode", "no-such-resident");
        signUp(event, nobody).then().statusCode(400).body("violations[0].field", equalTo("residentCode"));
        admin().queryParam("status", "maybe")
                .get("/api/events/" + event + "/registrations")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));
        assertEquals(0, total(event));
        signUp("no-such-event", person("某人")).then().statusCode(404);
        admin().post("/api/events/" + event + "/registrations/ZZZZZZZZ/cancel")
                .then()
                .statusCode(404);
        admin().post("/api/events/" + event + "/registrations/ZZZZZZZZ/check-in")
                .then()
                .statusCode(404);
        admin().get("/api/events/" + event + "/registrations/ZZZZZZZZ").then().statusCode(404);
        Api.anonymous()
                .body(person("某人"))
                .post("/api/events/" + event + "/registrations")
                .then()
                .statusCode(401);
        assertEquals(0, total(event));
    }

    @Test
    void shouldCheckInOncePerSessionByNumberCodeOrTheSessionRunningNow() {
        // tomorrow 09:00 local time: "in an hour" is still today whatever the hour the suite runs at
        Instant nine = clock.instant()
                .atZone(zone)
                .toLocalDate()
                .plusDays(1)
                .atTime(9, 0)
                .atZone(zone)
                .toInstant();
        clock.advance(Duration.between(clock.instant(), nine));
        Instant now = clock.instant();
        String event = EventFixtures.create(
                EventFixtures.spec()
                        .starts(List.of(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))))
                        .closesAt(now.plus(Duration.ofMinutes(30))),
                now);
        String code =
                signUp(event, person("李四")).then().statusCode(201).extract().path("code");
        String path = "/api/events/" + event + "/registrations/" + code + "/check-in";
        // nothing runs now, session 1 starts later today: it is the default
        admin().post(path)
                .then()
                .statusCode(200)
                .body("session", equalTo(1))
                .body("sessionCode", equalTo(event + "-1"))
                .body("alreadyCheckedIn", equalTo(false));
        clock.advance(Duration.ofMinutes(70)); // session 1 is running
        admin().body(Map.of())
                .post(path)
                .then()
                .statusCode(200)
                .body("session", equalTo(1))
                .body("alreadyCheckedIn", equalTo(true));
        admin().body(Map.of("session", 1)).post(path).then().body("alreadyCheckedIn", equalTo(true));
        admin().body(Map.of("session", event + "-2"))
                .post(path)
                .then()
                .statusCode(200)
                .body("session", equalTo(2))
                .body("alreadyCheckedIn", equalTo(false));
        admin().body(Map.of("session", 2)).post(path).then().body("alreadyCheckedIn", equalTo(true));
        admin().body(Map.of("session", 9))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("session"));
        admin().get("/api/events/" + event + "/registrations/" + code)
                .then()
                .body("attendedSessions", equalTo(List.of(1, 2)));
        clock.advance(Duration.ofHours(12)); // nothing runs and nothing later today
        admin().post(path).then().statusCode(400).body("violations[0].field", equalTo("session"));

        admin().post("/api/events/" + event + "/registrations/" + code + "/cancel")
                .then()
                .statusCode(200);
        admin().body(Map.of("session", 2)).post(path).then().statusCode(409);
        admin().get("/api/events/" + event + "/registrations").then().body("items", hasSize(1));
    }
}
