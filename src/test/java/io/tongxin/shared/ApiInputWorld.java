package io.tongxin.shared;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restassured.response.Response;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records {@link ApiInputRows} builds on (a sector, a workstation, a community with a group, a
 * bridge channel, a member, a published class with one registration, an opinion), valid bodies, and
 * the HTTP reads that tell whether a refused request changed anything.
 */
final class ApiInputWorld {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    final String sector = uniq("sec");
    final String ws = uniq("ws");
    final String community = uniq("com");
    final String channel;
    final String member = uniq("mem");
    final String published = uniq("ev");
    final String registration;
    final String opinion;

    ApiInputWorld() {
        post("/api/sectors", map("code", sector, "name", "农业界"));
        post("/api/workstations", map("code", ws, "name", "工作站"));
        post("/api/communities", map("code", community, "name", "社区", "councilName", "协商议事会", "workstationCode", ws));
        channel = Webhooks.bridgeChannel();
        post("/api/members", member(member));
        post("/api/groups", group());
        post("/api/events", event(published, "class"));
        admin().post("/api/events/" + published + "/publish").then().statusCode(200);
        registration = post("/api/events/" + published + "/registrations", map("participantName", "王阿姨"))
                .getString("code");
        opinion = post("/api/opinions", map("text", "小区路灯坏了", "communityCode", community))
                .getString("number");
    }

    // --- bodies ---

    Map<String, Object> member(String code) {
        return map(
                "code",
                code,
                "name",
                "杨小龙",
                "level",
                "county",
                "sectorCode",
                sector,
                "communityCodes",
                list(community),
                "capacity",
                10,
                "identities",
                list(map("channelKey", channel, "userId", uniq("wxid"))));
    }

    Map<String, Object> group() {
        return map(
                "code",
                uniq("grp"),
                "channelKey",
                channel,
                "chatId",
                uniq("chat") + "@chatroom",
                "name",
                "居民群",
                "communityCode",
                community);
    }

    Map<String, Object> event(String code, String kind) {
        Instant start = Instant.now().plus(Duration.ofDays(3));
        return map(
                "code",
                code,
                "kind",
                kind,
                "title",
                "街舞公益课堂",
                "venue",
                "活动室",
                "description",
                "说明",
                "capacity",
                20,
                "audience",
                map("communityCodes", list(community)),
                "invitedMemberCodes",
                list(member),
                "sessions",
                list(map(
                        "startsAt",
                        start.toString(),
                        "endsAt",
                        start.plus(Duration.ofHours(2)).toString())));
    }

    /** A weekly class: Saturdays and Sundays for five weeks from next week. */
    Map<String, Object> weeklyEvent() {
        Map<String, Object> e = event(uniq("wk"), "class");
        e.remove("sessions");
        LocalDate first = LocalDate.now().plusDays(7);
        e.put(
                "weekly",
                map(
                        "daysOfWeek",
                        list("6", "7"),
                        "startTime",
                        "09:00",
                        "endTime",
                        "11:00",
                        "firstDate",
                        first.toString(),
                        "lastDate",
                        first.plusWeeks(5).toString(),
                        "except",
                        list(first.plusWeeks(2).toString())));
        return e;
    }

    // --- HTTP ---

    static io.restassured.path.json.JsonPath post(String path, Map<String, Object> body) {
        Response r = admin().body(body).post(path);
        assertEquals(201, r.statusCode(), path + " " + r.asString());
        return r.jsonPath();
    }

    /** A list's total, as the state a refused create must leave. */
    static String total(String path) {
        Response r = admin().queryParam("size", 1).get(path);
        assertEquals(200, r.statusCode(), path + " " + r.asString());
        return path + " total " + r.jsonPath().getLong("total");
    }

    static String read(String path) {
        Response r = admin().get(path);
        assertEquals(200, r.statusCode(), path + " " + r.asString());
        return r.asString();
    }

    // --- maps ---

    static String uniq(String prefix) {
        return Api.uniq(prefix);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A deep copy, so a drawn value put into a nested list never reaches the next request. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> m) {
        return JSON.convertValue(m, Map.class);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... values) {
        return new ArrayList<>(List.of(values));
    }
}
