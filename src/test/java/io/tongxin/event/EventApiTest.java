package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventApiTest {

    @Inject
    EventChangedRecorder recorder;

    @Test
    void shouldCreateAWeeklyClassAtTwoCampusesWithNumberedSessions() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("dance");
        Map<String, Object> e = w.event(code, "class", Map.of("communityCodes", List.of(w.c1, w.c2)));
        e.remove("sessions");
        e.put(
                "weekly",
                Map.of(
                        "daysOfWeek", List.of("SATURDAY", "SUNDAY"),
                        "startTime", "09:30",
                        "endTime", "11:00",
                        "firstDate", "2027-03-06",
                        "lastDate", "2027-03-27",
                        "except", List.of("2027-03-13"),
                        "venuesByDay", Map.of("SATURDAY", "城关校区", "SUNDAY", "七里河校区")));
        e.put("quotas", Map.of(w.c1, 10, w.c2, 10));
        admin().body(e)
                .post("/api/events")
                .then()
                .statusCode(201)
                .body("status", equalTo("draft"))
                // 6, 7, (13 excepted), 14, 20, 21, 27 March (lastDate)
                .body("sessions", hasSize(6))
                .body("sessions.code[0..2]", contains(code + "-1", code + "-2", code + "-3"))
                .body("sessions[0].startsAt", equalTo("2027-03-06T01:30:00Z"))
                .body("sessions[1].startsAt", equalTo("2027-03-07T01:30:00Z"))
                .body("sessions[2].startsAt", equalTo("2027-03-14T01:30:00Z"))
                .body("sessions.venue[0..2]", contains("城关校区", "七里河校区", "七里河校区"))
                .body("reminderOffsets", contains("PT24H", "PT2H"))
                .body("quotas.'" + w.c1 + "'", equalTo(10))
                .body("audience.communityCodes", hasSize(2));
        admin().queryParam("status", "draft")
                .queryParam("kind", "class")
                .queryParam("size", 500)
                .get("/api/events")
                .then()
                .statusCode(200)
                .body("items.code", hasItem(code));
        admin().queryParam("status", "nonsense").get("/api/events").then().statusCode(400);
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsStored() {
        EventWorld w = new EventWorld();
        Map<String, Consumer<Map<String, Object>>> cases = new java.util.LinkedHashMap<>();
        Map<String, String> fields = new HashMap<>();
        add(
                cases,
                fields,
                "sessions[0].endsAt",
                e -> e.put(
                        "sessions",
                        List.of(Map.of("startsAt", "2027-01-01T10:00:00Z", "endsAt", "2027-01-01T09:00:00Z"))));
        add(cases, fields, "weekly.daysOfWeek", e -> {
            e.remove("sessions");
            e.put(
                    "weekly",
                    Map.of(
                            "daysOfWeek",
                            List.of(),
                            "startTime",
                            "09:00",
                            "endTime",
                            "10:00",
                            "firstDate",
                            "2027-03-01",
                            "lastDate",
                            "2027-03-31"));
        });
        add(cases, fields, "weekly.lastDate", e -> {
            e.remove("sessions");
            e.put(
                    "weekly",
                    Map.of(
                            "daysOfWeek",
                            List.of("MONDAY"),
                            "startTime",
                            "09:00",
                            "endTime",
                            "10:00",
                            "firstDate",
                            "2027-03-10",
                            "lastDate",
                            "2027-03-01"));
        });
        // both dates far in the future: a 400 naming the first, not an overflow (year +999999999 was a 500)
        add(cases, fields, "weekly.firstDate", e -> {
            e.remove("sessions");
            e.put(
                    "weekly",
                    Map.of(
                            "daysOfWeek",
                            List.of("MONDAY"),
                            "startTime",
                            "09:00",
                            "endTime",
                            "10:00",
                            "firstDate",
                            "+999999999-01-01",
                            "lastDate",
                            "+999999999-12-31"));
        });
        add(cases, fields, "capacity", e -> e.put("capacity", -1));
        add(cases, fields, "quotas." + w.c1, e -> e.put("quotas", Map.of(w.c1, -2)));
        add(cases, fields, "quotas.nope-com", e -> e.put("quotas", Map.of("nope-com", 2)));
        add(
                cases,
                fields,
                "audience.communityCodes[0]",
                e -> e.put("audience", Map.of("communityCodes", List.of("nope"))));
        add(
                cases,
                fields,
                "audience.workstationCodes[0]",
                e -> e.put("audience", Map.of("workstationCodes", List.of("nope"))));
        add(cases, fields, "audience.sectorCodes[0]", e -> e.put("audience", Map.of("sectorCodes", List.of("nope"))));
        add(cases, fields, "audience.groupCodes[0]", e -> e.put("audience", Map.of("groupCodes", List.of("nope"))));
        add(cases, fields, "invitedMemberCodes[1]", e -> e.put("invitedMemberCodes", List.of(w.member, "nope")));
        add(cases, fields, "reminderOffsets[1]", e -> e.put("reminderOffsets", List.of("PT24H", "2 hours")));
        add(cases, fields, "kind", e -> e.put("kind", "party"));
        add(cases, fields, "title", e -> e.put("title", " "));
        add(cases, fields, "closesAt", e -> {
            e.put("opensAt", "2027-01-02T00:00:00Z");
            e.put("closesAt", "2027-01-01T00:00:00Z");
        });
        for (var c : cases.entrySet()) {
            String code = Api.uniq("bad");
            Map<String, Object> e = w.event(code, "class", Map.of("communityCodes", List.of(w.c1)));
            c.getValue().accept(e);
            admin().body(e).post("/api/events").then().statusCode(400).body("violations.field", contains(c.getKey()));
            admin().get("/api/events/" + code).then().statusCode(404);
        }
    }

    @Test
    void unreadableValuesAreNamedToo() {
        EventWorld w = new EventWorld();
        Map<String, Object> e = w.event(Api.uniq("bad"), "class", Map.of());
        e.put("sessions", List.of(Map.of("startsAt", "tomorrow", "endsAt", "2027-01-01T09:00:00Z")));
        admin().body(e)
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("sessions[0].startsAt"));
        e = w.event(Api.uniq("bad"), "class", Map.of());
        e.put("capacity", "many");
        admin().body(e)
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("'capacity'"));
    }

    private static void add(
            Map<String, Consumer<Map<String, Object>>> cases,
            Map<String, String> fields,
            String f,
            Consumer<Map<String, Object>> c) {
        cases.put(f, c);
    }

    @Test
    void shouldChangeAndDeleteOnlyDrafts() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("mt");
        Map<String, Object> e = w.event(code, "meeting", Map.of("communityCodes", List.of(w.c1)));
        admin().body(e).post("/api/events").then().statusCode(201);
        admin().body(e).post("/api/events").then().statusCode(409);
        e.put("title", "协商议事会（改）");
        e.put("capacity", 30);
        admin().body(e)
                .put("/api/events/" + code)
                .then()
                .statusCode(200)
                .body("title", equalTo("协商议事会（改）"))
                .body("capacity", equalTo(30))
                .body("sessions[0].code", equalTo(code + "-1"));
        admin().post("/api/events/" + code + "/publish").then().statusCode(200).body("status", equalTo("published"));
        admin().body(e).put("/api/events/" + code).then().statusCode(409);
        admin().delete("/api/events/" + code).then().statusCode(409);
        admin().post("/api/events/" + code + "/publish").then().statusCode(409);

        String draft = Api.uniq("mt");
        admin().body(w.event(draft, "meeting", Map.of()))
                .post("/api/events")
                .then()
                .statusCode(201);
        admin().delete("/api/events/" + draft).then().statusCode(204);
        admin().get("/api/events/" + draft).then().statusCode(404);
    }

    @Test
    void shouldRescheduleAndCancelSessionsThenTheEventFiringEventChanged() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("cls");
        Map<String, Object> e = w.event(code, "class", Map.of("communityCodes", List.of(w.c1)));
        e.put(
                "sessions",
                List.of(
                        Map.of("startsAt", "2027-05-01T01:00:00Z", "endsAt", "2027-05-01T03:00:00Z"),
                        Map.of("startsAt", "2027-05-08T01:00:00Z", "endsAt", "2027-05-08T03:00:00Z")));
        admin().body(e).post("/api/events").then().statusCode(201);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        admin().body(Map.of("startsAt", "2027-05-02T01:00:00Z", "endsAt", "2027-05-02T00:00:00Z"))
                .post("/api/events/" + code + "/sessions/1/reschedule")
                .then()
                .statusCode(400)
                .body("violations.field", contains("endsAt"));
        admin().body(Map.of("startsAt", "2027-05-02T01:00:00Z", "endsAt", "2027-05-02T03:00:00Z", "venue", "七里河校区"))
                .post("/api/events/" + code + "/sessions/1/reschedule")
                .then()
                .statusCode(200)
                .body("sessions[0].startsAt", equalTo("2027-05-02T01:00:00Z"))
                .body("sessions[0].venue", equalTo("七里河校区"));
        admin().post("/api/events/" + code + "/sessions/" + code + "-2/cancel")
                .then()
                .statusCode(200)
                .body("sessions[1].status", equalTo("cancelled"));
        admin().post("/api/events/" + code + "/sessions/2/cancel").then().statusCode(409);
        admin().body(Map.of("startsAt", "2027-05-09T01:00:00Z", "endsAt", "2027-05-09T03:00:00Z"))
                .post("/api/events/" + code + "/sessions/2/reschedule")
                .then()
                .statusCode(409);
        admin().post("/api/events/" + code + "/sessions/9/cancel").then().statusCode(404);
        admin().body(Map.of("reason", "天气原因"))
                .post("/api/events/" + code + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("cancelReason", equalTo("天气原因"));
        admin().post("/api/events/" + code + "/publish").then().statusCode(409);
        admin().post("/api/events/" + code + "/cancel").then().statusCode(409);

        long id = EventIds.of(code);
        assertEquals(
                List.of(
                        EventChanged.Change.PUBLISHED, EventChanged.Change.SESSION_RESCHEDULED,
                        EventChanged.Change.SESSION_CANCELLED, EventChanged.Change.CANCELLED),
                recorder.of(id));
    }

    @Test
    void shouldBeForOrganizersOnly() {
        String member = Api.mint("member", new EventWorld().member);
        Api.as(member).get("/api/events").then().statusCode(403);
        Api.anonymous().get("/api/events").then().statusCode(401);
        String organizer = Api.mint("organizer", null);
        Api.as(organizer).get("/api/events").then().statusCode(200);
    }
}
