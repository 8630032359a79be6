package io.tongxin.event;

import static io.tongxin.support.Api.admin;

import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One test's own directory, through the admin API, every code fresh: a bridge channel (dry run, it
 * reaches chats and users), a sector, two workstations (ws1 with a head), three communities (c1, c2
 * under ws1, c3 under ws2), groups bound to each, and members with a chat identity each.
 */
final class EventWorld {

    final String channel = Api.uniq("intake-ev");
    final String sector = Api.uniq("sec");
    final String ws1 = Api.uniq("ws");
    final String ws2 = Api.uniq("ws");
    final String c1 = Api.uniq("com");
    final String c2 = Api.uniq("com");
    final String c3 = Api.uniq("com");
    final String head = Api.uniq("mem-head");
    final String member = Api.uniq("mem");
    final String other = Api.uniq("mem");
    /** Two groups of c1, one of c2, one of c3, one of ws1, one of the sector. */
    final String g1a = Api.uniq("grp");

    final String g1b = Api.uniq("grp");
    final String g2 = Api.uniq("grp");
    final String g3 = Api.uniq("grp");
    final String gWs1 = Api.uniq("grp");
    final String gSector = Api.uniq("grp");

    EventWorld() {
        admin().body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "活动测试桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", sector, "name", "共青团和青联界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        for (String ws : List.of(ws1, ws2)) {
            admin().body(Map.of("code", ws, "name", "工作站" + ws))
                    .post("/api/workstations")
                    .then()
                    .statusCode(201);
        }
        community(c1, ws1);
        community(c2, ws1);
        community(c3, ws2);
        member(head, ws1);
        member(member, null);
        member(other, null);
        admin().body(Map.of("code", ws1, "name", "工作站" + ws1, "headMemberCode", head))
                .put("/api/workstations/" + ws1)
                .then()
                .statusCode(200);
        group(g1a, "communityCode", c1);
        group(g1b, "communityCode", c1);
        group(g2, "communityCode", c2);
        group(g3, "communityCode", c3);
        group(gWs1, "workstationCode", ws1);
        group(gSector, "sectorCode", sector);
    }

    /** The chat id of a group of this world. */
    static String chatOf(String group) {
        return "chat-" + group;
    }

    /** The user id of a member of this world on its channel. */
    static String userOf(String member) {
        return "wxid-" + member;
    }

    private void community(String code, String ws) {
        admin().body(Map.of("code", code, "name", "社区" + code, "councilName", "议事会" + code, "workstationCode", ws))
                .post("/api/communities")
                .then()
                .statusCode(201);
    }

    private void member(String code, String ws) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", "委员" + code.substring(code.length() - 4));
        m.put("level", "city");
        m.put("sectorCode", sector);
        if (ws != null) {
            m.put("workstationCode", ws);
        }
        m.put("communityCodes", List.of());
        m.put("identities", List.of(Map.of("channelKey", channel, "userId", userOf(code))));
        admin().body(m).post("/api/members").then().statusCode(201);
    }

    private void group(String code, String bindingField, String bindingCode) {
        admin().body(Map.of(
                        "code",
                        code,
                        "channelKey",
                        channel,
                        "chatId",
                        chatOf(code),
                        "name",
                        "群" + code,
                        bindingField,
                        bindingCode))
                .post("/api/groups")
                .then()
                .statusCode(201);
    }

    /** A class with one session tomorrow-ish (days from the real now), audience as given. */
    Map<String, Object> event(String code, String kind, Map<String, Object> audience) {
        Map<String, Object> e = new HashMap<>();
        e.put("code", code);
        e.put("kind", kind);
        e.put("title", "街舞公益课堂");
        e.put("venue", "静安门社区活动室");
        e.put("capacity", 20);
        e.put("audience", audience);
        java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(3));
        e.put(
                "sessions",
                new ArrayList<>(List.of(Map.of(
                        "startsAt", start.toString(),
                        "endsAt", start.plus(java.time.Duration.ofHours(2)).toString()))));
        return e;
    }

    /** The outbox rows about an event: {@code GET /api/outbox?origin=event:<code>}. */
    static List<Map<String, Object>> outbox(String eventCode) {
        return admin().queryParam("origin", "event:" + eventCode)
                .queryParam("size", 500)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }
}
