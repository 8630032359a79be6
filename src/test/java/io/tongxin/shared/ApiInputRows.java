package io.tongxin.shared;

import static io.tongxin.shared.ApiInputValues.code;
import static io.tongxin.shared.ApiInputValues.date;
import static io.tongxin.shared.ApiInputValues.duration;
import static io.tongxin.shared.ApiInputValues.durations;
import static io.tongxin.shared.ApiInputValues.instant;
import static io.tongxin.shared.ApiInputValues.integer;
import static io.tongxin.shared.ApiInputValues.key;
import static io.tongxin.shared.ApiInputValues.oneOf;
import static io.tongxin.shared.ApiInputValues.required;
import static io.tongxin.shared.ApiInputValues.session;
import static io.tongxin.shared.ApiInputValues.text;
import static io.tongxin.shared.ApiInputValues.time;
import static io.tongxin.shared.ApiInputWorld.copy;
import static io.tongxin.shared.ApiInputWorld.list;
import static io.tongxin.shared.ApiInputWorld.map;
import static io.tongxin.shared.ApiInputWorld.parse;
import static io.tongxin.shared.ApiInputWorld.post;
import static io.tongxin.shared.ApiInputWorld.read;
import static io.tongxin.shared.ApiInputWorld.total;
import static io.tongxin.shared.ApiInputWorld.uniq;
import static io.tongxin.support.Api.admin;

import io.tongxin.shared.ApiInputValues.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The table {@link ApiInputPropertyTest} runs: every write endpoint of the API that takes a body, a
 * valid body for it, the fields generated into, and what a refusal must leave as it was. Adding an
 * endpoint is one {@link #row} (or one {@link #crud} for a create-and-replace resource).
 *
 * <p>Not in the table, because they take no body: publish, cancel a session, cancel a registration,
 * erase a resident, retry an inbox or outbox message, reload the scripts. The seed import takes YAML
 * (fuzzed through the seed reader), the webhooks have {@code WebhookPropertyTest}, and the dashboard
 * login is a form. The records rows build on, and their valid bodies, are {@link ApiInputWorld}.
 */
final class ApiInputRows {

    /** Where a request goes, a valid body (fresh each call), and the state a refusal must not change. */
    record Target(String method, String path, Supplier<Map<String, Object>> valid, Supplier<String> state) {}

    /**
     * One endpoint: {@code target} is made once, or again after every success when {@code fresh} (a
     * success is final there, e.g. cancelling an event); {@code after} puts shared state back.
     */
    record Row(String call, Supplier<Target> target, boolean fresh, List<Field> fields, Runnable after) {}

    private final ApiInputWorld w = new ApiInputWorld();
    private final List<Row> rows = new ArrayList<>();

    ApiInputRows() {
        directory();
        events();
        others();
    }

    List<Row> all() {
        return rows;
    }

    private void directory() {
        crud(
                "/api/sectors",
                "code",
                () -> map("code", uniq("sec"), "name", "农业界", "description", "说明"),
                code("code", 64),
                required("name", 200),
                text("description", 1000));
        crud(
                "/api/workstations",
                "code",
                () -> map("code", uniq("ws"), "name", "工作站", "district", "城关区"),
                code("code", 64),
                required("name", 200),
                text("district", 200));
        crud(
                "/api/communities",
                "code",
                () -> map(
                        "code",
                        uniq("com"),
                        "name",
                        "静安门社区",
                        "councilName",
                        "协商议事会",
                        "councilHead",
                        "王主任",
                        "workstationCode",
                        w.ws),
                code("code", 64),
                required("name", 200),
                required("councilName", 200),
                text("councilHead", 100),
                required("workstationCode", 64));
        crud(
                "/api/members",
                "code",
                () -> w.member(uniq("mem")),
                code("code", 64),
                required("name", 100),
                oneOf("level", "city", "county"),
                required("sectorCode", 64),
                required("communityCodes[0]", 64),
                integer("capacity", 0, 1000),
                date("onLeaveUntil"),
                required("identities[0].userId", 128));
        crud(
                "/api/groups",
                "code",
                w::group,
                code("code", 64),
                required("chatId", 128),
                required("name", 200),
                text("communityCode", 64).or("workstationCode", "sectorCode"));
        crud(
                "/api/residents",
                "code",
                () -> map(
                        "code",
                        uniq("res"),
                        "channelKey",
                        w.channel,
                        "userId",
                        uniq("wxid"),
                        "displayName",
                        "王阿姨",
                        "phone",
                        "13800000000"),
                code("code", 64),
                text("userId", 128),
                text("displayName", 100),
                text("phone", 32));
        crud(
                "/api/pairings",
                "code",
                () -> map("code", uniq("pair"), "memberCode", w.member, "household", "3号楼2单元"),
                code("code", 64),
                required("memberCode", 64),
                text("household", 200));
        crud(
                "/api/channels",
                "key",
                () -> map(
                        "key",
                        uniq("ch").toLowerCase(),
                        "type",
                        "bridge",
                        "name",
                        "桥接",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "language",
                        "zh-CN"),
                key("key", 64),
                oneOf("type", "bridge", "wechat-mp", "wecom-app", "wecom-bot").or("token", "secret", "corpId"),
                required("name", 200),
                text("secret", 256),
                text("sendUrl", 1000),
                oneOf("language", "zh-CN", "en"));
    }

    private void events() {
        crud(
                "/api/events",
                "code",
                () -> w.event(uniq("ev"), "class"),
                code("code", 60),
                oneOf("kind", "meeting", "class"),
                required("title", 200),
                text("venue", 200),
                text("description", 4000),
                integer("capacity", 0, Integer.MAX_VALUE),
                instant("sessions[0].startsAt").or("sessions[0].endsAt"),
                instant("opensAt").or("closesAt"),
                durations("reminderOffsets"),
                text("audience.communityCodes[0]", 64));
        row(
                "POST /api/events (weekly)",
                () -> new Target("POST", "/api/events", w::weeklyEvent, () -> total("/api/events")),
                text("weekly.daysOfWeek[0]", 20).or("weekly"),
                time("weekly.startTime").or("weekly.endTime", "weekly"),
                time("weekly.endTime").or("weekly"),
                date("weekly.firstDate").or("weekly.lastDate", "weekly", "sessions"),
                date("weekly.lastDate").or("weekly", "sessions"),
                date("weekly.except[0]"));
        String regs = "/api/events/" + w.published + "/registrations";
        row(
                "POST " + regs,
                () -> new Target(
                        "POST",
                        regs,
                        () -> map(
                                "participantName", uniq("王"), "communityCode", w.community, "age", 30, "note", "电话报名"),
                        () -> total(regs)),
                required("participantName", 100),
                text("communityCode", 64),
                text("residentCode", 64),
                integer("age", 0, 120),
                text("note", 500));
        String checkIn = regs + "/" + w.registration + "/check-in";
        row(
                "POST " + checkIn,
                () -> new Target("POST", checkIn, () -> map("session", 1), () -> read(regs + "/" + w.registration)),
                session("session"));
        row(
                "POST /api/events/{draft}/sessions/1/reschedule",
                () -> {
                    String draft = uniq("ev");
                    post("/api/events", w.event(draft, "class"));
                    Instant at = Instant.now().plus(Duration.ofDays(4));
                    return new Target(
                            "POST",
                            "/api/events/" + draft + "/sessions/1/reschedule",
                            () -> map(
                                    "startsAt",
                                    at.toString(),
                                    "endsAt",
                                    at.plus(Duration.ofHours(2)).toString(),
                                    "venue",
                                    "新活动室"),
                            () -> read("/api/events/" + draft));
                },
                instant("startsAt").or("endsAt"),
                instant("endsAt"),
                text("venue", 200));
        fresh(
                "POST /api/events/{draft}/cancel",
                () -> {
                    String draft = uniq("ev");
                    post("/api/events", w.event(draft, "meeting"));
                    return new Target(
                            "POST",
                            "/api/events/" + draft + "/cancel",
                            () -> map("reason", "场地临时有变"),
                            () -> read("/api/events/" + draft));
                },
                text("reason", 1000));
        String events = "/api/events/" + w.published;
        row(
                "POST " + events + "/confirmations",
                () -> new Target(
                        "POST",
                        events + "/confirmations",
                        () -> map("unitKind", "community", "unitCode", w.community),
                        () -> read(events + "/confirmations")),
                oneOf("unitKind", "community", "workstation").or("unitCode"),
                required("unitCode", 64));
        row(
                "POST " + events + "/invitees/{member}/rsvp",
                () -> new Target(
                        "POST",
                        events + "/invitees/" + w.member + "/rsvp",
                        () -> map("rsvp", "leave", "reason", "出差"),
                        () -> read(events + "/invitees")),
                oneOf("rsvp", "attending", "leave").or("reason"),
                text("reason", 1000).or("rsvp"));
        fresh(
                "POST /api/events/{meeting}/close",
                () -> {
                    String meeting = uniq("mt");
                    post("/api/events", w.event(meeting, "meeting"));
                    admin().post("/api/events/" + meeting + "/publish").then().statusCode(200);
                    return new Target(
                            "POST",
                            "/api/events/" + meeting + "/close",
                            () -> map(
                                    "minutes",
                                    "会议就加装电梯达成共识。",
                                    "attendedMemberCodes",
                                    list(w.member),
                                    "opinions",
                                    list(map("text", "建议统筹资金", "communityCode", w.community))),
                            () -> read("/api/events/" + meeting) + total("/api/opinions"));
                },
                required("minutes", 8000),
                text("attendedMemberCodes[0]", 64),
                required("opinions[0].text", 4000),
                text("opinions[0].communityCode", 64));
        row(
                "POST /api/announcements",
                () -> new Target(
                        "POST",
                        "/api/announcements",
                        () -> map(
                                "code",
                                uniq("notice"),
                                "title",
                                "征集通知",
                                "text",
                                "请转发至居民群。",
                                "audience",
                                map("communityCodes", list(w.community)),
                                "invitedMemberCodes",
                                list(w.member),
                                "confirm",
                                false),
                        () -> total("/api/events?kind=announcement")),
                code("code", 60),
                required("title", 200),
                required("text", 4000),
                text("audience.communityCodes[0]", 64),
                text("invitedMemberCodes[0]", 64));
    }

    private void others() {
        row(
                "POST /api/opinions",
                () -> new Target(
                        "POST",
                        "/api/opinions",
                        () -> map("text", "3号楼电梯停运", "communityCode", w.community, "urgency", "normal"),
                        () -> total("/api/opinions")),
                required("text", 4000),
                text("communityCode", 64),
                text("workstationCode", 64),
                text("residentCode", 64),
                oneOf("urgency", "normal", "urgent"));
        String note = "/api/opinions/" + w.opinion + "/note";
        row(
                "POST " + note,
                () -> new Target("POST", note, () -> map("note", "已电话联系"), () -> read("/api/opinions/" + w.opinion)),
                required("note", 2000));
        row(
                "POST /api/tokens (organizer)",
                () -> new Target(
                        "POST",
                        "/api/tokens",
                        () -> map("role", "organizer", "label", "输入测试", "expiresIn", "P30D"),
                        () -> total("/api/tokens")),
                oneOf("role", "admin", "organizer", "member").or("memberCode"),
                text("memberCode", 64),
                text("label", 200),
                duration("expiresIn", 730));
        row(
                "POST /api/tokens (w.member)",
                () -> new Target(
                        "POST",
                        "/api/tokens",
                        () -> map("role", "member", "memberCode", w.member, "expiresIn", "PT12H"),
                        () -> total("/api/tokens")),
                required("memberCode", 64),
                duration("expiresIn", 730));
        row(
                "POST /api/bot/simulate",
                () -> new Target(
                        "POST",
                        "/api/bot/simulate",
                        () -> map(
                                "channelKey",
                                w.channel,
                                "chatId",
                                "sim@chatroom",
                                "userId",
                                "wxid-sim",
                                "userName",
                                "王阿姨",
                                "text",
                                "帮助"),
                        () -> total("/api/opinions")),
                required("channelKey", 64),
                text("chatId", 128),
                required("userId", 128),
                text("userName", 200),
                text("text", 2000));
        String original = read("/api/dictionary");
        Map<String, Object> dictionary = parse(original);
        dictionary.remove("version");
        rows.add(new Row(
                "PUT /api/dictionary",
                () -> new Target("PUT", "/api/dictionary", () -> copy(dictionary), () -> read("/api/dictionary")),
                false,
                List.of(
                        code("categories[0].code", 64),
                        required("categories[0].name", 100),
                        required("categories[0].keywords[0]", 64),
                        required("categories[0].sectorCodes[0]", 64),
                        required("urgentKeywords[0]", 64),
                        required("complexKeywords[0]", 64)),
                () -> admin().body(dictionary).put("/api/dictionary").then().statusCode(200)));
    }

    // --- building rows ---

    private void row(String call, Supplier<Target> target, Field... fields) {
        rows.add(new Row(call, target, false, List.of(fields), () -> {}));
    }

    private void fresh(String call, Supplier<Target> target, Field... fields) {
        rows.add(new Row(call, target, true, List.of(fields), () -> {}));
    }

    /** A create (POST, every field) and a replace (PUT of one record, every field but its code). */
    private void crud(String path, String codeField, Supplier<Map<String, Object>> valid, Field... fields) {
        row("POST " + path, () -> new Target("POST", path, valid, () -> total(path)), fields);
        rows.add(new Row(
                "PUT " + path + "/{" + codeField + "}",
                () -> {
                    Map<String, Object> existing = valid.get();
                    String at = path + "/" + existing.get(codeField);
                    post(path, existing);
                    return new Target("PUT", at, () -> copy(existing), () -> read(at));
                },
                false,
                Arrays.stream(fields).filter(f -> !f.name().equals(codeField)).toList(),
                () -> {}));
    }
}
