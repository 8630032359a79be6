package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventAnnouncementAndCloseTest {

    @Inject
    Clock clock;

    @Inject
    EventLifecycle lifecycle;

    @Inject
    EventConfig config;

    @Inject
    EventChangedRecorder recorder;

    @Test
    void anAnnouncementGoesOutAtOncePerGroupAndMemberWithConfirmations() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("notice");
        admin().body(Map.of(
                        "code",
                        code,
                        "title",
                        "关于开展社情民意信息征集的通知",
                        "text",
                        "请各社区议事会转发至居民群。",
                        "audience",
                        Map.of("communityCodes", List.of(w.c1, w.c2)),
                        "invitedMemberCodes",
                        List.of(w.member),
                        "confirm",
                        true))
                .post("/api/announcements")
                .then()
                .statusCode(201)
                .body("kind", equalTo("announcement"))
                .body("status", equalTo("published"))
                .body("sessions", hasSize(0))
                .body("deliveredGroups", equalTo(3));
        List<Map<String, Object>> rows = EventWorld.outbox(code);
        assertEquals(4, rows.size(), "three groups and one member");
        assertTrue(((String) rows.get(0).get("text")).contains("关于开展社情民意信息征集的通知"));
        admin().get("/api/announcements/" + code).then().statusCode(200).body("code", equalTo(code));
        admin().get("/api/events/" + code + "/confirmations")
                .then()
                .body("pending.unitCode", org.hamcrest.Matchers.containsInAnyOrder(w.c1, w.c2));
        admin().body(Map.of("code", Api.uniq("notice"), "title", "空", "text", "无人"))
                .post("/api/announcements")
                .then()
                .statusCode(400)
                .body("violations.field", contains("audience"));
        // the announcement never "finishes"
        ((MutableClock) clock).advance(Duration.ofDays(30));
        while (lifecycle.finishEnded() >= config.followUpBatch()) {
            // other tests' events too
        }
        admin().get("/api/announcements/" + code).then().body("status", equalTo("published"));
    }

    @Test
    void aClassFinishesAfterItsLastSession() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("cls");
        admin().body(w.event(code, "class", Map.of("communityCodes", List.of(w.c1))))
                .post("/api/events")
                .then()
                .statusCode(201);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        MutableClock c = (MutableClock) clock;
        c.advance(Duration.ofDays(3)); // the session starts in 3 days and lasts 2 hours
        while (lifecycle.finishEnded() >= config.followUpBatch()) {
            // other tests' events too
        }
        admin().get("/api/events/" + code).then().body("status", equalTo("published"));
        c.advance(Duration.ofHours(3));
        while (lifecycle.finishEnded() >= config.followUpBatch()) {
            // other tests' events too
        }
        admin().get("/api/events/" + code).then().body("status", equalTo("finished"));
        admin().post("/api/events/" + code + "/publish").then().statusCode(409);
        assertEquals(
                List.of(EventChanged.Change.PUBLISHED, EventChanged.Change.FINISHED), recorder.of(EventIds.of(code)));
    }

    @Test
    void closingAMeetingRecordsMinutesAttendanceAndFilesItsOpinions() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("mt");
        Map<String, Object> e = w.event(code, "meeting", Map.of("communityCodes", List.of(w.c1)));
        e.put("invitedMemberCodes", List.of(w.member, w.other));
        admin().body(e).post("/api/events").then().statusCode(201);
        admin().body(Map.of("minutes", "x"))
                .post("/api/events/" + code + "/close")
                .then()
                .statusCode(409);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        admin().body(Map.of("rsvp", "leave", "reason", "出差"))
                .post("/api/events/" + code + "/invitees/" + w.other + "/rsvp")
                .then()
                .statusCode(200);

        admin().body(Map.of("minutes", " "))
                .post("/api/events/" + code + "/close")
                .then()
                .statusCode(400)
                .body("violations.field", contains("minutes"));
        admin().body(Map.of("minutes", "纪要", "opinions", List.of(Map.of("text", "加装电梯", "communityCode", "nope"))))
                .post("/api/events/" + code + "/close")
                .then()
                .statusCode(400)
                .body("violations.field", contains("opinions[0].communityCode"));

        List<String> numbers = admin().body(Map.of(
                        "minutes", "会议就老旧小区加装电梯达成三点共识。",
                        "attendedMemberCodes", List.of(w.member, w.head),
                        "opinions",
                                List.of(
                                        Map.of("text", "静安门社区3号楼加装电梯资金缺口，建议统筹", "communityCode", w.c1),
                                        Map.of("text", "建议出台加装电梯低层住户补偿指引"))))
                .post("/api/events/" + code + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("finished"))
                .body("minutes", equalTo("会议就老旧小区加装电梯达成三点共识。"))
                .body("opinionNumbers", hasSize(2))
                .extract()
                .path("opinionNumbers");
        admin().get("/api/opinions/" + numbers.get(0))
                .then()
                .statusCode(200)
                .body("communityCode", equalTo(w.c1))
                .body("history.actor", hasItem("meeting:" + code));
        admin().get("/api/events/" + code + "/invitees")
                .then()
                .body("attending.memberCode", org.hamcrest.Matchers.containsInAnyOrder(w.member, w.head))
                .body("attending.attended", contains(true, true))
                .body("leave.memberCode", contains(w.other))
                .body("leave[0].attended", equalTo(false));
        admin().body(Map.of("minutes", "again"))
                .post("/api/events/" + code + "/close")
                .then()
                .statusCode(409);
        String cls = Api.uniq("cls");
        admin().body(w.event(cls, "class", Map.of())).post("/api/events").then().statusCode(201);
        admin().post("/api/events/" + cls + "/publish").then().statusCode(200);
        admin().body(Map.of("minutes", "x"))
                .post("/api/events/" + cls + "/close")
                .then()
                .statusCode(409);
    }
}
