package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The registration commands end to end: signed bridge callbacks over real HTTP on a channel the report
 * intake also listens to (so the commands must not be filed as concerns), a group bound to a community,
 * a workstation head who checks people in, and the promotion message in the outbox.
 */
@QuarkusTest
class RegistrationChatTest {

    private static final Pattern CODE = Pattern.compile("[A-HJ-NP-Z2-9]{8}");

    @Inject
    ObjectMapper json;

    @Inject
    MutableClock clock;

    /** One test's world: a bridge channel, a workstation headed by a member, a community and its group. */
    static final class World {
        final String channel = Api.uniq("intake-reg");
        final String sector = Api.uniq("sec");
        final String workstation = Api.uniq("ws");
        final String community = Api.uniq("com");
        final String group = Api.uniq("grp");
        final String chatId = Api.uniq("R") + "@chatroom";
        final String head = Api.uniq("m");
        final String headUserId = "wxid_" + head;
        String event;
    }

    private World world(int capacity) {
        World w = new World();
        admin().body(Map.of(
                        "key",
                        w.channel,
                        "type",
                        "bridge",
                        "name",
                        "测试桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", w.sector, "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", w.workstation, "name", "工作站"))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code", w.community, "name", "静安门社区", "councilName", "协商议事会", "workstationCode", w.workstation))
                .post("/api/communities")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code",
                        w.group,
                        "channelKey",
                        w.channel,
                        "chatId",
                        w.chatId,
                        "name",
                        "居民群",
                        "communityCode",
                        w.community))
                .post("/api/groups")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code",
                        w.head,
                        "name",
                        "王站长",
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "workstationCode",
                        w.workstation,
                        "identities",
                        List.of(Map.of("channelKey", w.channel, "userId", w.headUserId))))
                .post("/api/members")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", w.workstation, "name", "工作站", "headMemberCode", w.head))
                .put("/api/workstations/" + w.workstation)
                .then()
                .statusCode(200);
        Instant now = clock.instant();
        // session 1 is running (check-in defaults to it); sign-ups stay open for an hour
        w.event = EventFixtures.create(
                EventFixtures.spec()
                        .capacity(capacity)
                        .starts(List.of(now.minus(Duration.ofMinutes(10)), now.plus(Duration.ofDays(7))))
                        .closesAt(now.plus(Duration.ofHours(1))),
                now);
        return w;
    }

    /** Posts a message and answers the bot's reply (null when it does not answer). */
    private String say(World w, String chatId, String userId, String name, String text, boolean mentionsBot)
            throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("messageId", UUID.randomUUID().toString());
        m.put("chat", chatId == null ? null : Map.of("id", chatId, "name", "居民群"));
        m.put("sender", Map.of("id", userId, "name", name));
        m.put("text", text);
        m.put("mentions", mentionsBot ? List.of("wxid_tongxin_bot") : List.of());
        m.put("mentionsBot", mentionsBot);
        m.put("timestamp", Long.parseLong(Webhooks.now()));
        return Webhooks.bridgeRequest(json.writeValueAsString(m), Webhooks.now())
                .post("/webhooks/" + w.channel)
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
    }

    private String inGroup(World w, String userId, String text) throws Exception {
        return say(w, w.chatId, userId, "居民" + userId, "@同心助手\u2005" + text, true);
    }

    private static String codeIn(String reply) {
        Matcher m = CODE.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group();
    }

    private static List<Map<String, Object>> registrations(World w) {
        return admin().queryParam("size", 100)
                .get("/api/events/" + w.event + "/registrations")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private static int opinionsIn(World w) {
        return admin().queryParam("communityCode", w.community)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    @Test
    void shouldSignUpFromAGroupForItsCommunityAndRefuseTheSameChildTwice() throws Exception {
        World w = world(10);
        String reply = inGroup(w, "wxid_li", "报名 " + w.event + " 李小明 8");
        assertTrue(reply.startsWith("报名成功"), reply);
        assertTrue(reply.contains("Signed up"), reply);
        String code = codeIn(reply);

        List<Map<String, Object>> regs = registrations(w);
        assertEquals(1, regs.size());
        Map<String, Object> r = regs.get(0);
        assertEquals(code, r.get("code"));
        assertEquals("李小明", r.get("participantName"));
        assertEquals(8, r.get("age"));
        assertEquals(w.community, r.get("communityCode"));
        assertEquals("chat", r.get("via"));
        assertEquals(w.channel, r.get("channelKey"));
        assertNotNull(r.get("residentCode"));
        admin().queryParam("channelKey", w.channel)
                .queryParam("userId", "wxid_li")
                .get("/api/residents")
                .then()
                .body("items[0].code", equalTo(r.get("residentCode")));

        String again = inGroup(w, "wxid_li", "报名 " + w.event + " 李 小明");
        assertTrue(again.contains("已经报过名"), again);
        assertTrue(again.contains(code), again);
        assertEquals(1, registrations(w).size());
        // a brother is another participant
        assertTrue(inGroup(w, "wxid_li", "报名 " + w.event + " 李小刚 6").startsWith("报名成功"));

        // without an @-mention in a group nothing happens; commands are never filed as concerns
        assertEquals(null, say(w, w.chatId, "wxid_zhao", "赵", "报名 " + w.event + " 赵小红", false));
        assertEquals(2, registrations(w).size());
        assertEquals(0, opinionsIn(w));

        String mine = say(w, null, "wxid_li", "李阿姨", "我的报名", false);
        assertTrue(mine.contains(code) && mine.contains("已报名") && mine.contains("registered"), mine);
        assertFalse(mine.contains("138"), mine);
    }

    @Test
    void shouldAnswerBadCommandsAndChangeNothing() throws Exception {
        World w = world(10);
        assertTrue(inGroup(w, "wxid_a", "报名").contains("报名 活动编号 姓名"));
        assertTrue(inGroup(w, "wxid_a", "报名 " + w.event).contains("报名 活动编号 姓名"));
        assertTrue(inGroup(w, "wxid_a", "报名 NO-SUCH-EVENT 小明").contains("未找到活动 NO-SUCH-EVENT"));
        assertTrue(inGroup(w, "wxid_a", "报名 " + w.event + " 小明 130").contains("年龄应在"));
        assertTrue(inGroup(w, "wxid_a", "取消报名 ZZZZZZZZ").contains("未找到您的报名"));
        assertEquals(0, registrations(w).size());
        Instant now = clock.instant();
        String closed = EventFixtures.create(EventFixtures.spec().closesAt(now.minus(Duration.ofMinutes(5))), now);
        String late = inGroup(w, "wxid_a", "报名 " + closed + " 小明");
        assertTrue(late.contains("报名已于") && late.contains("closed at"), late);
        String cancelled = EventFixtures.create(EventFixtures.spec().status(EventStatus.CANCELLED), now);
        assertTrue(inGroup(w, "wxid_a", "报名 " + cancelled + " 小明").contains("已取消"));
        assertEquals(0, opinionsIn(w));
    }

    @Test
    void shouldPromoteTheWaitlistedOnCancelAndTellThemInChat() throws Exception {
        World w = world(1);
        String first = codeIn(inGroup(w, "wxid_first", "报名 " + w.event + " 周一"));
        String waitReply = say(w, null, "wxid_second", "吴二", "报名 " + w.event + " 吴二 7", false);
        assertTrue(waitReply.contains("候补"), waitReply);
        String second = codeIn(waitReply);

        // only the one who signed up may cancel by chat
        assertTrue(say(w, null, "wxid_second", "吴二", "取消报名 " + first, false).contains("未找到您的报名"));
        String cancelled = inGroup(w, "wxid_first", "取消报名 " + first.toLowerCase());
        assertTrue(cancelled.contains("已取消报名 " + first), cancelled);

        Map<String, Object> promoted = registrations(w).stream()
                .filter(r -> second.equals(r.get("code")))
                .findFirst()
                .orElseThrow();
        assertEquals("registered", promoted.get("status"));
        assertNotNull(promoted.get("promotedAt"));
        List<Map<String, Object>> outbox = admin().queryParam("origin", "event:" + w.event)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertEquals(1, outbox.size(), outbox.toString());
        assertEquals(w.channel, outbox.get(0).get("channelKey"));
        assertTrue(String.valueOf(outbox.get(0).get("target")).contains("wxid_second"), outbox.toString());
        assertTrue(String.valueOf(outbox.get(0).get("text")).contains("好消息"), outbox.toString());
        assertTrue(String.valueOf(outbox.get(0).get("text")).contains(second), outbox.toString());
    }

    @Test
    void shouldLetAWorkstationHeadCheckInByCodeOnce() throws Exception {
        World w = world(10);
        String code = codeIn(inGroup(w, "wxid_kid", "报名 " + w.event + " 孙小宝 9"));
        assertTrue(inGroup(w, "wxid_kid", "签到 " + code).contains("只有工作站站长"));
        String done = say(w, w.chatId, w.headUserId, "王站长", "@同心助手 签到 " + code, true);
        assertTrue(done.startsWith("签到成功"), done);
        assertTrue(done.contains("第 1 场"), done);
        String again = say(w, null, w.headUserId, "王站长", "签到 " + w.event + " " + code, false);
        assertTrue(again.contains("已签到过第 1 场"), again);
        assertTrue(say(w, null, w.headUserId, "王站长", "签到 ZZZZZZZZ", false).contains("未找到报名编号"));
        admin().get("/api/events/" + w.event + "/registrations/" + code)
                .then()
                .body("attendedSessions", equalTo(List.of(1)));
        assertEquals(0, opinionsIn(w));
    }

    @Test
    void shouldLeaveOrdinaryConcernsToTheReportIntake() throws Exception {
        World w = world(10);
        String reply = inGroup(w, "wxid_c", "报名参加活动的人太多了，门口很拥挤需要管理");
        assertTrue(reply == null || !reply.contains("报名成功"), reply);
        org.hamcrest.MatcherAssert.assertThat(String.valueOf(reply), not(containsString("报名 活动编号")));
        assertEquals(0, registrations(w).size());
    }
}
