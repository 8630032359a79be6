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
 * The registration scripts ({@code bot-scripts/event-*.yaml}) end to end: signed bridge callbacks over
 * real HTTP into the bot, a group bound to a community, a workstation head who checks people in, the
 * promotion message in the outbox, replies in the channel's one language, the guided sign-up in a
 * direct chat, the playground (which changes nothing) and a sender the channel cannot verify.
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
        final String channel = Api.uniq("intake-ev");
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
        return world(capacity, null);
    }

    /** {@code language}: the channel's ({@code en}), or null for the default (zh-CN). */
    private World world(int capacity, String language) {
        World w = new World();
        Map<String, Object> channel = new HashMap<>(Map.of(
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
                true));
        if (language != null) {
            channel.put("language", language);
        }
        admin().body(channel).post("/api/channels").then().statusCode(201);
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
        assertFalse(reply.contains("Signed up"), "one language: " + reply);
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
        assertTrue(mine.startsWith("您的报名") && mine.contains(code) && mine.contains("已报名"), mine);
        assertTrue(mine.contains("李小明") && mine.contains("李小刚"), mine);
        assertFalse(mine.contains("registered"), "one language: " + mine);
        assertEquals(3, mine.split("\n").length, mine);
        assertEquals(mine.strip(), mine);
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
        assertTrue(late.contains("报名已于") && !late.contains("closed at"), late);
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
    void shouldNotTakeASentenceThatMerelyStartsWithACommandWord() throws Exception {
        World w = world(10);
        String reply = inGroup(w, "wxid_c", "报名参加活动的人太多了，门口很拥挤需要管理");
        assertTrue(reply == null || !reply.contains("报名成功"), reply);
        org.hamcrest.MatcherAssert.assertThat(String.valueOf(reply), not(containsString("报名 活动编号")));
        assertEquals(0, registrations(w).size());
    }

    @Test
    void shouldAnswerInEnglishOnAnEnglishChannel() throws Exception {
        World w = world(10, "en");
        String reply = inGroup(w, "wxid_en", "报名 " + w.event + " Tom 8");
        assertTrue(reply.startsWith("Signed up: Tom"), reply);
        assertFalse(reply.contains("报名成功"), "one language: " + reply);
        String code = codeIn(reply);
        String mine = say(w, null, "wxid_en", "Ann", "我的报名", false);
        assertTrue(mine.startsWith("Your registrations") && mine.contains(code) && mine.contains("registered"), mine);
        assertFalse(mine.contains("已报名"), mine);
        assertTrue(inGroup(w, "wxid_en", "报名").startsWith("To sign up send"));
        String done = say(w, null, w.headUserId, "王站长", "签到 " + code, false);
        assertTrue(done.startsWith("Checked in: Tom (" + code + "), session 1"), done);
        assertTrue(inGroup(w, "wxid_en", "签到 " + code).startsWith("Only a workstation head"));
    }

    @Test
    void shouldGuideASignUpStepByStepInADirectChat() throws Exception {
        World w = world(10);
        String askName = say(w, null, "wxid_g1", "郑阿姨", "报名 " + w.event, false);
        assertTrue(askName.contains("参加者的姓名"), askName);
        String askAge = say(w, null, "wxid_g1", "郑阿姨", "郑小雨", false);
        assertTrue(askAge.contains("几岁"), askAge);
        assertTrue(say(w, null, "wxid_g1", "郑阿姨", "九岁", false).contains("请发送年龄数字"));
        String done = say(w, null, "wxid_g1", "郑阿姨", "9岁", false);
        assertTrue(done.startsWith("报名成功！郑小雨 已报名「街舞公益课堂」"), done);
        String code = codeIn(done);

        // the age may be skipped; the flow can be left; one line still does it all without a question
        say(w, null, "wxid_g2", "冯", "报名 " + w.event, false);
        say(w, null, "wxid_g2", "冯", "冯小乐", false);
        assertTrue(say(w, null, "wxid_g2", "冯", "跳过", false).startsWith("报名成功"));
        say(w, null, "wxid_g3", "陈", "报名 " + w.event, false);
        assertTrue(say(w, null, "wxid_g3", "陈", "取消", false).contains("已取消"));
        assertTrue(say(w, null, "wxid_g3", "陈", "报名 " + w.event + " 陈小东", false).startsWith("报名成功"));
        // an unknown or closed event is said at once, before any question
        assertTrue(say(w, null, "wxid_g4", "褚", "报名 NO-SUCH-EVENT", false).contains("未找到活动 NO-SUCH-EVENT"));

        List<Map<String, Object>> regs = registrations(w);
        assertEquals(3, regs.size(), regs.toString());
        Map<String, Object> first = regs.stream()
                .filter(r -> code.equals(r.get("code")))
                .findFirst()
                .orElseThrow();
        assertEquals("郑小雨", first.get("participantName"));
        assertEquals(9, first.get("age"));
        assertEquals(null, first.get("communityCode"), "a direct chat names no community");
        assertTrue(regs.stream().anyMatch(r -> "冯小乐".equals(r.get("participantName")) && r.get("age") == null));
        assertTrue(regs.stream().anyMatch(r -> "陈小东".equals(r.get("participantName")) && r.get("age") == null));
    }

    @Test
    void shouldOnlyDescribeWhatItWouldDoInThePlayground() throws Exception {
        World w = world(10);
        Map<String, Object> signUp = simulate(w, null, "wxid_sim", "报名 " + w.event + " 蒋小花 7");
        assertEquals("event-sign-up", signUp.get("script"));
        assertTrue(replyOf(signUp).startsWith("报名成功！蒋小花 已报名"), signUp.toString());
        assertEquals("sign-up", effectOf(signUp).get("action"));
        assertEquals("registered", effectOf(signUp).get("status"));
        assertEquals(0, registrations(w).size(), "nothing signed up");
        admin().queryParam("channelKey", w.channel)
                .queryParam("userId", "wxid_sim")
                .get("/api/residents")
                .then()
                .body("total", equalTo(0));

        String code = codeIn(inGroup(w, "wxid_sim", "报名 " + w.event + " 蒋小花 7"));
        Map<String, Object> cancel = simulate(w, null, "wxid_sim", "取消报名 " + code);
        assertTrue(replyOf(cancel).contains("已取消报名 " + code), cancel.toString());
        Map<String, Object> checkIn = simulate(w, null, w.headUserId, "签到 " + code);
        assertTrue(replyOf(checkIn).startsWith("签到成功"), checkIn.toString());
        assertEquals("check-in", effectOf(checkIn).get("action"));
        admin().get("/api/events/" + w.event + "/registrations/" + code)
                .then()
                .body("status", equalTo("registered"))
                .body("attendedSessions", equalTo(List.of()));
    }

    @Test
    void shouldRefuseSignUpsFromASenderTheChannelCannotVerify() {
        World w = world(10);
        String plain = Api.uniq("intake-ev-mp");
        admin().body(Map.of(
                        "key",
                        plain,
                        "type",
                        "wechat-mp",
                        "name",
                        "公众号",
                        "token",
                        Webhooks.TOKEN,
                        "appId",
                        Webhooks.MP_APP_ID))
                .post("/api/channels")
                .then()
                .statusCode(201);
        for (String text : List.of("报名 " + w.event + " 韩小梅 8", "我的报名", "取消报名 ABCD2345")) {
            String xml = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[o-"
                    + w.group + "]]></FromUserName><CreateTime>" + Webhooks.now()
                    + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text
                    + "]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
            Webhooks.postMpPlain(plain, xml)
                    .then()
                    .statusCode(200)
                    .body(containsString("无法核实发送者身份"))
                    .body(not(containsString("报名成功")));
        }
        assertEquals(0, registrations(w).size());
    }

    private static Map<String, Object> simulate(World w, String chatId, String userId, String text) {
        Map<String, Object> body = new HashMap<>(Map.of("channelKey", w.channel, "userId", userId, "text", text));
        if (chatId != null) {
            body.put("chatId", chatId);
        }
        return admin().body(body)
                .post("/api/bot/simulate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    @SuppressWarnings("unchecked")
    private static String replyOf(Map<String, Object> simulated) {
        List<Map<String, Object>> replies = (List<Map<String, Object>>) simulated.get("replies");
        assertEquals(1, replies.size(), simulated.toString());
        return (String) replies.get(0).get("text");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> effectOf(Map<String, Object> simulated) {
        List<Map<String, Object>> effects = (List<Map<String, Object>>) simulated.get("effects");
        assertEquals(1, effects.size(), simulated.toString());
        return effects.get(0);
    }
}
