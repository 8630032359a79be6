package io.tongxin.opinion.intake;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.MessageKind;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The opinion scripts (bot-scripts/report-*, rating, opinion-status, member-*) through signed bridge
 * callbacks over real HTTP: a resident reports a concern in a group chat and the opinion is created,
 * routed and announced; members work it by chat and the reporter rates it; everything else addressed
 * to the bot is answered (in the channel's one language) or left alone.
 */
@QuarkusTest
class ReportIntakeTest {

    private static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");

    @Inject
    ObjectMapper json;

    @Inject
    io.tongxin.dialogue.DialogueHandler intake;

    /** One test's own world: a bridge channel, a community in a workstation, its residents' group and a member serving it. */
    static final class World {
        final String channel = Api.uniq("intake");
        final String sector = Api.uniq("sec");
        final String workstation = Api.uniq("ws");
        final String community = Api.uniq("com");
        final String group = Api.uniq("grp");
        final String chatId = Api.uniq("R") + "@chatroom";
        final String member = Api.uniq("m");
        final String memberUserId = "wxid_" + member;
    }

    private World world() {
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
        admin().body(Map.of("code", w.sector, "name", "界别 " + w.sector))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", w.workstation, "name", "工作站 " + w.workstation))
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
                        w.member,
                        "name",
                        "王建国",
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "communityCodes",
                        List.of(w.community),
                        "identities",
                        List.of(Map.of("channelKey", w.channel, "userId", w.memberUserId))))
                .post("/api/members")
                .then()
                .statusCode(201);
        return w;
    }

    private String bridgeMessage(
            String messageId, String chatId, String senderId, String senderName, String text, boolean mentionsBot)
            throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("messageId", messageId);
        m.put("chat", chatId == null ? null : Map.of("id", chatId, "name", "居民群"));
        m.put("sender", Map.of("id", senderId, "name", senderName));
        m.put("text", text);
        m.put("mentions", mentionsBot ? List.of("wxid_tongxin_bot") : List.of());
        m.put("mentionsBot", mentionsBot);
        m.put("timestamp", Long.parseLong(Webhooks.now()));
        return json.writeValueAsString(m);
    }

    private Response post(World w, String body) {
        return Webhooks.bridgeRequest(body, Webhooks.now()).post("/webhooks/" + w.channel);
    }

    /** The channel's only inbox row, once processed. */
    private Map<String, Object> processedInboxRow(World w) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Map<String, Object>> rows = Webhooks.inbox(w.channel);
            if (rows.stream().allMatch(r -> "processed".equals(r.get("status")))) {
                return rows.get(0); // the newest
            }
            Thread.sleep(100);
        }
        throw new AssertionError("inbox row not processed: " + Webhooks.inbox(w.channel));
    }

    private static String numberIn(String reply) {
        Matcher m = NUMBER.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group();
    }

    private static int opinionsIn(World w) {
        return admin().queryParam("communityCode", w.community)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static List<Map<String, Object>> residents(World w, String userId) {
        return admin().queryParam("channelKey", w.channel)
                .queryParam("userId", userId)
                .get("/api/residents")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private static List<Map<String, Object>> outbox(String number) {
        return admin().queryParam("origin", "opinion:" + number)
                .queryParam("size", 50)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private static Map<String, Object> notice(List<Map<String, Object>> notices, String target) {
        return notices.stream()
                .filter(n -> target.equals(n.get("target")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no notice to " + target + " in " + notices));
    }

    @Test
    void shouldFileRouteAndAnnounceAConcernReportedInAGroup() throws Exception {
        World w = world();
        String body = bridgeMessage(
                UUID.randomUUID().toString(), w.chatId, "wxid_li", "李阿姨", "@同心助手\u2005小区南门积水严重，晚上路灯也不亮", true);

        String reply = post(w, body)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("reply", startsWith("已收到您反映的问题，编号 "))
                .body("reply", containsString("已转交王委员跟进"))
                .body("reply", not(containsString("Received as "))) // one language: the channel's
                .body("reply", not(containsString("王建国")))
                .body("reply", not(containsString("李阿姨")))
                .extract()
                .path("reply");
        String number = numberIn(reply);
        Map<String, Object> row = processedInboxRow(w);
        assertEquals(reply, row.get("reply"));
        long inboxId = ((Number) row.get("id")).longValue();

        List<Map<String, Object>> created = residents(w, "wxid_li");
        assertEquals(1, created.size());
        assertEquals("李阿姨", created.get(0).get("displayName"));
        String residentCode = (String) created.get(0).get("code");

        admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("status", equalTo("assigned"))
                .body("text", equalTo("小区南门积水严重，晚上路灯也不亮"))
                .body("communityCode", equalTo(w.community))
                .body("workstationCode", equalTo(w.workstation))
                .body("assignee.code", equalTo(w.member))
                .body("routing.rule", equalTo("area"))
                .body("routing.reason", containsString("serves community " + w.community))
                .body("reporter.code", equalTo(residentCode))
                .body("reporter.displayName", equalTo("李阿姨"))
                .body("sources.size()", equalTo(1))
                .body("sources[0].channelKey", equalTo(w.channel))
                .body("sources[0].chatId", equalTo(w.chatId))
                .body("sources[0].inboxMessageId", equalTo((int) inboxId))
                .body("history.type", equalTo(List.of("created", "routed")))
                .body("history[0].actor", equalTo("bot"));
        assertEquals(1, opinionsIn(w));

        // the reply told the reporter (inline, in the webhook's answer): no second notice to the group;
        // the assignee is told directly through the outbox
        assertEquals("inline", row.get("replyDelivery"));
        List<Map<String, Object>> notices = outbox(number);
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.stream().noneMatch(n -> ("chat:" + w.chatId).equals(n.get("target"))), notices.toString());
        Map<String, Object> toAssignee = notice(notices, "user:" + w.memberUserId);
        assertEquals(w.channel, toAssignee.get("channelKey"));
        assertTrue(((String) toAssignee.get("text")).contains("小区南门积水严重，晚上路灯也不亮"));
        assertTrue(((String) toAssignee.get("text")).contains("收到 " + number));
    }

    @Test
    void shouldNotFileARedeliveredMessageTwice() throws Exception {
        World w = world();
        String body = bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_zhao", "赵师傅", "@同心助手 3号楼电梯又坏了", true);
        String first = post(w, body).then().statusCode(200).extract().path("reply");
        processedInboxRow(w);
        String again = post(w, body)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .extract()
                .path("reply");
        assertEquals(first, again);
        assertEquals(1, Webhooks.inbox(w.channel).size());
        assertEquals(1, opinionsIn(w));
        assertEquals(1, outbox(numberIn(first)).size()); // the assignee's notice, once
    }

    @Test
    void shouldAnswerARetriedAttemptWithTheOpinionAlreadyFiled() throws Exception {
        World w = world();
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_qian", "钱大爷", "@同心助手 楼道堆满杂物", true))
                .then()
                .statusCode(200);
        Map<String, Object> row = processedInboxRow(w);
        long inboxId = ((Number) row.get("id")).longValue();
        // the same stored message handled again, as after a crash between filing and the processed mark
        InboundMessage again = new InboundMessage(
                inboxId,
                w.channel,
                ChannelType.BRIDGE,
                MessageKind.TEXT,
                w.chatId,
                "wxid_qian",
                "钱大爷",
                null,
                "@同心助手 楼道堆满杂物",
                List.of("wxid_tongxin_bot"),
                true,
                null,
                null,
                "m-1",
                Instant.now(),
                Instant.now(),
                null,
                "{}",
                2,
                true,
                java.util.List.of());
        Optional<String> reply = QuarkusTransaction.requiringNew().call(() -> intake.handle(again));
        assertEquals(row.get("reply"), reply.orElseThrow());
        assertEquals(1, opinionsIn(w));
        assertEquals(1, outbox(numberIn(reply.get())).size());
    }

    @Test
    void shouldIgnoreAGroupMessageThatDoesNotMentionTheBot() throws Exception {
        World w = world();
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_sun", "孙阿姨", "今天小区南门又积水了", false))
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("reply", nullValue());
        Map<String, Object> row = processedInboxRow(w);
        assertNull(row.get("reply"));
        assertEquals(0, opinionsIn(w));
        assertTrue(residents(w, "wxid_sun").isEmpty());
    }

    /** A concern is a report whoever writes it; the member command menu answers only in a direct chat. */
    @Test
    void shouldFileAMembersConcernInTheGroupAndShowTheMenuOnlyInADirectChat() throws Exception {
        World w = world();
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, w.memberUserId, "王建国", "@同心助手 我的任务", true))
                .then()
                .statusCode(200)
                .body("reply", equalTo("您目前没有待办的问题。"));
        String reply = post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(), w.chatId, w.memberUserId, "王建国", "@同心助手 小区路灯又坏了", true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("已收到您反映的问题，编号 "))
                .body("reply", not(containsString("委员可用指令")))
                .extract()
                .path("reply");
        admin().get("/api/opinions/" + numberIn(reply))
                .then()
                .body("text", equalTo("小区路灯又坏了"))
                .body("communityCode", equalTo(w.community));
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, w.memberUserId, "王建国", "@同心助手 帮助", true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("请在 @我 后描述您反映的问题"))
                .body("reply", not(containsString("委员可用指令")));
        dm(w, w.memberUserId, "路灯又坏了").body("reply", startsWith("委员可用指令："));
        dm(w, w.memberUserId, "帮助").body("reply", startsWith("委员可用指令："));
        assertEquals(1, opinionsIn(w));
    }

    /** The whole loop in chat: report, 收到, 备注, 我的任务, 办结, and the resident's bare "5" in the group. */
    @Test
    void shouldLetTheAssigneeWorkTheOpinionByChatAndTheReporterRateIt() throws Exception {
        World w = world();
        String number = numberIn(post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(), w.chatId, "wxid_sun", "孙奶奶", "@同心助手 楼下垃圾三天没人清运了", true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply"));
        String shortNumber = number.substring(0, 5) + Integer.parseInt(number.substring(5));

        dm(w, w.memberUserId, "收到 " + shortNumber).body("reply", startsWith("已确认 编号 " + number + "，请于 "));
        dm(w, w.memberUserId, "收到 " + number).body("reply", startsWith("已确认 编号 " + number)); // a repeat
        dm(w, w.memberUserId, "备注 " + number + " 已联系物业，明早清运").body("reply", startsWith("已为编号 " + number + " 添加备注"));
        dm(w, w.memberUserId, "我的任务")
                .body("reply", startsWith("您有 1 件待办："))
                .body("reply", containsString(number + "【办理中】楼下垃圾三天没人清运了"));
        // asked in the group, the list shows no resident's text
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, w.memberUserId, "王建国", "@同心助手 我的任务", true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("您有 1 件待办：\n1. " + number + "【办理中】（办结期限 "))
                .body("reply", not(containsString("垃圾")))
                .body("reply", containsString("请私聊我"));
        dm(w, w.memberUserId, "办结 " + number).body("reply", startsWith("请写上办理结果"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("in_progress")) // the first note moves it on
                .body("history.type", equalTo(List.of("created", "routed", "acknowledged", "note")))
                .body("history[2].actor", equalTo("member:" + w.member))
                .body("history[3].note", equalTo("已联系物业，明早清运"));

        dm(w, w.memberUserId, "办结 " + number + " 垃圾已清运，物业承诺每日清运").body("reply", startsWith("编号 " + number + " 已办结"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("resolved"))
                .body("resolution", equalTo("垃圾已清运，物业承诺每日清运"));
        assertTrue(
                outbox(number).stream()
                        .anyMatch(n -> ("chat:" + w.chatId).equals(n.get("target"))
                                && ((String) n.get("text")).contains("1-5")),
                outbox(number).toString());

        // the resident answers the rating request in the group, without @-mentioning the bot
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_sun", "孙奶奶", "5分", false))
                .then()
                .statusCode(200)
                .body("reply", startsWith("感谢您的评价（5 分），编号 " + number + " 已办结关闭。"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("closed"))
                .body("satisfaction", equalTo(5));
        // nothing left to rate: a bare digit in the group is chatter again
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_sun", "孙奶奶", "5", false))
                .then()
                .statusCode(200)
                .body("reply", nullValue());
        dm(w, w.memberUserId, "我的任务").body("reply", startsWith("您目前没有待办的问题。"));
    }

    @Test
    void shouldRefuseAMemberCommandOnSomeoneElsesOrAnUnknownOpinion() throws Exception {
        World w = world();
        String number = numberIn(post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(), w.chatId, "wxid_zheng", "郑先生", "@同心助手 小区路灯坏了一排", true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply"));
        String other = Api.uniq("m");
        admin().body(Map.of(
                        "code",
                        other,
                        "name",
                        "李红",
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "identities",
                        List.of(Map.of("channelKey", w.channel, "userId", "wxid_" + other))))
                .post("/api/members")
                .then()
                .statusCode(201);
        dm(w, "wxid_" + other, "收到 " + number).body("reply", startsWith("编号 " + number + " 不是您负责的问题。"));
        dm(w, w.memberUserId, "收到 1999-1").body("reply", startsWith("未找到编号为 1999-000001 的问题"));
        dm(w, w.memberUserId, "办结 " + number + " 已修好")
                .body("reply", equalTo("编号 " + number + " 当前为「待确认」，不能办结。请先回复「收到 " + number + "」确认。"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("assigned"))
                .body("history.type", equalTo(List.of("created", "routed")));
    }

    @Inject
    io.tongxin.shared.MutableClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    private InboundMessage chat(World w, String chatId, String senderId, String text, boolean mentionsBot) {
        return new InboundMessage(
                0L,
                w.channel,
                ChannelType.BRIDGE,
                MessageKind.TEXT,
                chatId,
                senderId,
                "某人",
                null,
                text,
                mentionsBot ? List.of("wxid_tongxin_bot") : List.of(),
                mentionsBot,
                null,
                null,
                "m-" + UUID.randomUUID(),
                Instant.now(),
                Instant.now(),
                null,
                "{}",
                1,
                true,
                java.util.List.of());
    }

    /** A chat action commits with the inbox message: a processing attempt rolled back leaves no trace. */
    @Test
    void shouldApplyAMemberCommandOnlyWithTheMessagesProcessing() throws Exception {
        World w = world();
        String number = numberIn(post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(), w.chatId, "wxid_chen", "陈阿姨", "@同心助手 单元门禁坏了关不上", true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply"));
        InboundMessage note = chat(w, null, w.memberUserId, "备注 " + number + " 已报修", false);
        // the processing transaction fails to commit (e.g. the database went away): the note goes with it
        org.junit.jupiter.api.Assertions.assertThrows(
                io.quarkus.narayana.jta.QuarkusTransactionException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    assertTrue(intake.handle(note).orElseThrow().startsWith("已为编号 " + number + " 添加备注"));
                    QuarkusTransaction.setRollbackOnly();
                }));
        admin().get("/api/opinions/" + number).then().body("history.type", equalTo(List.of("created", "routed")));
        QuarkusTransaction.requiringNew().run(() -> intake.handle(note)); // the retry
        admin().get("/api/opinions/" + number)
                .then()
                .body("history.type", equalTo(List.of("created", "routed", "note")));
        // a refusal inside the processing transaction still lets it commit (it would throw if marked rollback-only)
        InboundMessage unknown = chat(w, null, w.memberUserId, "收到 1999-1", false);
        QuarkusTransaction.requiringNew()
                .run(() -> assertTrue(intake.handle(unknown).orElseThrow().startsWith("未找到编号为 1999-000001 的问题")));
    }

    /** A bare digit in the group rates only soon after the resolution; with an @-mention it still does. */
    @Test
    void shouldTakeABareDigitAsARatingOnlyWithinTheWindow() throws Exception {
        World w = world();
        String number = numberIn(
                post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_lin", "林伯", "@同心助手 小区健身器材坏了", true))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("reply"));
        dm(w, w.memberUserId, "收到 " + number);
        dm(w, w.memberUserId, "办结 " + number + " 已更换新器材");
        // "@张三 5" answers 张三, not the rating request
        assertTrue(QuarkusTransaction.requiringNew()
                .call(() -> intake.handle(chat(w, w.chatId, "wxid_lin", "@张三 5", false)))
                .isEmpty());
        admin().get("/api/opinions/" + number).then().body("status", equalTo("resolved"));
        clock.advance(java.time.Duration.ofHours(49)); // past tongxin.intake.rating-window (48 h)
        assertTrue(
                QuarkusTransaction.requiringNew()
                        .call(() -> intake.handle(chat(w, w.chatId, "wxid_lin", "1", false)))
                        .isEmpty(),
                "a late bare digit is chatter");
        admin().get("/api/opinions/" + number).then().body("status", equalTo("resolved"));
        String thanks = QuarkusTransaction.requiringNew()
                .call(() -> intake.handle(chat(w, w.chatId, "wxid_lin", "@同心助手 4", true)))
                .orElseThrow();
        assertTrue(thanks.startsWith("感谢您的评价（4 分），编号 " + number), thanks);
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("closed"))
                .body("satisfaction", equalTo(4));
    }

    @Test
    void shouldLetTheAssigneeTransferByChatWithAReason() throws Exception {
        World w = world();
        String number = numberIn(post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(), w.chatId, "wxid_he", "何老师", "@同心助手 小区南门积水严重，路灯也不亮", true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply"));
        dm(w, w.memberUserId, "转交 " + number).body("reply", startsWith("请写上转交原因"));
        dm(w, w.memberUserId, "转交 " + number + " 我这周出差").body("reply", startsWith("编号 " + number + " 暂无其他可转交的委员"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("assignee.code", equalTo(w.member))
                .body("history.type", equalTo(List.of("created", "routed")));

        String other = Api.uniq("m");
        admin().body(Map.of(
                        "code",
                        other,
                        "name",
                        "李红",
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "communityCodes",
                        List.of(w.community),
                        "identities",
                        List.of(Map.of("channelKey", w.channel, "userId", "wxid_" + other))))
                .post("/api/members")
                .then()
                .statusCode(201);
        dm(w, w.memberUserId, "转交 " + number + " 我这周出差").body("reply", startsWith("编号 " + number + " 已转交李红委员办理。"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("assignee.code", equalTo(other))
                .body("history[-1].type", equalTo("transferred"))
                .body("history[-1].note", containsString("我这周出差"));
        assertTrue(
                outbox(number).stream()
                        .anyMatch(n -> ("user:wxid_" + other).equals(n.get("target"))
                                && ((String) n.get("text")).contains("收到 " + number)),
                outbox(number).toString());
        dm(w, w.memberUserId, "收到 " + number).body("reply", startsWith("编号 " + number + " 不是您负责的问题。"));
    }

    private io.restassured.response.ValidatableResponse dm(World w, String senderId, String text) throws Exception {
        return post(w, bridgeMessage(UUID.randomUUID().toString(), null, senderId, "委员", text, false))
                .then()
                .statusCode(200);
    }

    @Test
    void shouldAnswerGreetingsAndTooShortTextWithoutFilingThem() throws Exception {
        World w = world();
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_zhou", "周阿姨", "@同心助手 你好", true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("您好！有问题需要反映，@我 说明情况就行"));
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_zhou", "周阿姨", "@同心助手 啊啊", true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("请在 @我 后描述您反映的问题"))
                .body("reply", not(containsString("Please describe")));
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_zhou", "周阿姨", "#反映", false))
                .then()
                .statusCode(200)
                .body("reply", startsWith("请在 @我 后描述您反映的问题"));
        processedInboxRow(w);
        assertEquals(0, opinionsIn(w));
        assertTrue(residents(w, "wxid_zhou").isEmpty());
    }

    @Test
    void shouldAnswerAStatusQueryWithoutPersonalData() throws Exception {
        World w = world();
        String reply = post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(),
                                w.chatId,
                                "wxid_wu",
                                "吴先生",
                                "@同心助手 幼儿园门口早上车辆乱停，孩子过马路很危险",
                                true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
        String number = numberIn(reply);
        processedInboxRow(w);

        // asked by someone else in the group, in English and without the zero padding
        String shortNumber = number.substring(0, 5) + Integer.parseInt(number.substring(5));
        String status = post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(),
                                w.chatId,
                                "wxid_zheng",
                                "郑女士",
                                "@同心助手 status " + shortNumber,
                                true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
        assertTrue(status.startsWith("编号 " + number + "：已转交王委员，等待委员确认。（最近更新 "), status);
        assertTrue(status.matches(".*（最近更新 \\d{2}-\\d{2} \\d{2}:\\d{2}）$"), status);
        assertFalse(status.contains("幼儿园") || status.contains("吴先生") || status.contains("王建国"), status);

        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_wu", "吴先生", "@同心助手 查询 " + number, true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("编号 " + number + "：王委员已确认，正在跟进。"));
        post(w, bridgeMessage(UUID.randomUUID().toString(), w.chatId, "wxid_wu", "吴先生", "@同心助手 查询 1999-000001", true))
                .then()
                .statusCode(200)
                .body("reply", startsWith("未找到编号为 1999-000001 的问题"));
        assertEquals(1, opinionsIn(w));
    }

    /** In a direct chat the concern is a guided flow: classified, community asked, phone offered, confirmed, filed. */
    @Test
    void shouldFileADirectMessageWithoutAMentionAfterTheGuidedFlow() throws Exception {
        World w = world();
        post(w, bridgeMessage(UUID.randomUUID().toString(), null, "wxid_feng", "冯大姐", "我家楼上漏水三天了，物业一直不来处理", false))
                .then()
                .statusCode(200)
                .body("reply", startsWith("问题发生在哪个社区？请回复序号"))
                .body("reply", containsString("不清楚可回复「跳过」"));
        assertEquals(0, opinionsIn(w));
        post(w, bridgeMessage(UUID.randomUUID().toString(), null, "wxid_feng", "冯大姐", "跳过", false))
                .then()
                .statusCode(200)
                .body("reply", startsWith("如愿意留下手机号码"))
                .body("reply", containsString("只有负责的委员能看到"));
        post(w, bridgeMessage(UUID.randomUUID().toString(), null, "wxid_feng", "冯大姐", "跳过", false))
                .then()
                .statusCode(200)
                .body("reply", startsWith("请确认您要反映的问题：\n「我家楼上漏水三天了，物业一直不来处理」"))
                .body("reply", containsString("分类：住房物业"))
                .body("reply", not(containsString("联系电话")));
        String reply = post(w, bridgeMessage(UUID.randomUUID().toString(), null, "wxid_feng", "冯大姐", "1", false))
                .then()
                .statusCode(200)
                .body("reply", startsWith("已收到您反映的问题，编号 "))
                .extract()
                .path("reply");
        String number = numberIn(reply);
        Map<String, Object> row = processedInboxRow(w);
        assertEquals(4, Webhooks.inbox(w.channel).size());
        admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("text", equalTo("我家楼上漏水三天了，物业一直不来处理"))
                .body("communityCode", nullValue())
                .body("reporter.displayName", equalTo("冯大姐"))
                .body("sources[0].chatId", nullValue())
                .body("sources[0].inboxMessageId", equalTo(((Number) row.get("id")).intValue()));
        assertNotNull(residents(w, "wxid_feng").get(0).get("code"));
        // answered in the direct chat itself; the outbox holds no separate notice to the reporter
        assertEquals("inline", row.get("replyDelivery"));
        assertTrue(outbox(number).stream().noneMatch(n -> "user:wxid_feng".equals(n.get("target"))));
    }

    /** Only the @-mentions around the text go; a mention inside it stays part of the concern. */
    @Test
    void shouldFileTheTextWithoutTheMentionsAroundIt() throws Exception {
        World w = world();
        String reply = post(
                        w,
                        bridgeMessage(
                                UUID.randomUUID().toString(),
                                w.chatId,
                                "wxid_tao",
                                "陶先生",
                                "@同心助手\u2005请 @李委员 看看南门积水，路灯也不亮 @同心助手",
                                true))
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
        admin().get("/api/opinions/" + numberIn(reply)).then().body("text", equalTo("请 @李委员 看看南门积水，路灯也不亮"));
    }
}
