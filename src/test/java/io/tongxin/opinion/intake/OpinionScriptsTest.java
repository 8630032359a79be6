package io.tongxin.opinion.intake;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.BotChat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each shipped opinion script end to end through the platforms' real webhooks: a bridge group, a
 * WeCom smart-robot group, an Official Account and a WeCom app direct chat, in zh-CN and in an en
 * channel; and the playground, which files nothing and uses no number.
 */
@QuarkusTest
class OpinionScriptsTest {

    private static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");

    /** A community in a workstation, a member serving it, optionally a group on {@code channel} bound to it. */
    static final class World {
        final String sector = Api.uniq("sec");
        final String workstation = Api.uniq("ws");
        final String community = Api.uniq("com");
        final String member = Api.uniq("m");
        final String chatId = Api.uniq("room") + "@chatroom";

        World(String channel, String memberUserId) {
            admin().body(Map.of("code", sector, "name", "界别 " + sector))
                    .post("/api/sectors")
                    .then()
                    .statusCode(201);
            admin().body(Map.of("code", workstation, "name", "工作站 " + workstation))
                    .post("/api/workstations")
                    .then()
                    .statusCode(201);
            admin().body(Map.of(
                            "code", community, "name", "临夏路社区", "councilName", "议事会", "workstationCode", workstation))
                    .post("/api/communities")
                    .then()
                    .statusCode(201);
            admin().body(Map.of(
                            "code",
                            Api.uniq("grp"),
                            "channelKey",
                            channel,
                            "chatId",
                            chatId,
                            "name",
                            "居民群",
                            "communityCode",
                            community))
                    .post("/api/groups")
                    .then()
                    .statusCode(201);
            admin().body(Map.of(
                            "code",
                            member,
                            "name",
                            "王建国",
                            "level",
                            "county",
                            "sectorCode",
                            sector,
                            "communityCodes",
                            List.of(community),
                            "identities",
                            List.of(Map.of("channelKey", channel, "userId", memberUserId))))
                    .post("/api/members")
                    .then()
                    .statusCode(201);
        }
    }

    private static String numberIn(String reply) {
        Matcher m = NUMBER.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group();
    }

    private static void resolve(String number) {
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "已处理"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldWelcomeANewFollowerOfTheOfficialAccountAndAWecomAppUserInTheChannelsLanguage() {
        String oa = ScriptChats.officialAccount(null);
        String welcome = ScriptChats.oaEvent(oa, "o-" + Api.uniq("u"), "subscribe");
        assertTrue(welcome.startsWith("您好，欢迎关注！我是同心助手"), welcome);
        assertTrue(welcome.contains("查询 2026-000123"), welcome);
        assertFalse(welcome.contains("Welcome"), welcome);
        assertNull(ScriptChats.oaEvent(oa, "o-" + Api.uniq("u"), "unsubscribe"), "no answer to leaving");

        String app = ScriptChats.wecomApp("en");
        String en = ScriptChats.wecomAppEvent(app, "LiSi", "enter_agent");
        assertTrue(en.startsWith("Welcome! I am the Tongxin assistant"), en);
        assertFalse(en.contains("欢迎"), en);
    }

    @Test
    void shouldFileAConcernFromAWecomSmartRobotGroupInTheGroupsCommunity() throws Exception {
        String robot = ScriptChats.wecomRobot();
        World w = new World(robot, "wangjianguo");
        String reply = ScriptChats.robotGroup(robot, w.chatId, "lisi", "楼道灯不亮了，请帮忙反映");
        assertTrue(reply.contains("已收到您反映的问题，编号 "), reply);
        assertTrue(reply.contains("已转交王委员跟进"), reply);
        String number = numberIn(reply);
        admin().get("/api/opinions/" + number)
                .then()
                .body("text", equalTo("楼道灯不亮了，请帮忙反映"))
                .body("communityCode", equalTo(w.community))
                .body("assignee.code", equalTo(w.member));
        // courtesy in the group is answered, not filed
        String thanks = ScriptChats.robotGroup(robot, w.chatId, "lisi", "谢谢你们，辛苦了");
        assertTrue(thanks.contains("不客气"), thanks);
        assertEquals(1, ScriptChats.opinionsOf(w.community).size());
    }

    @Test
    void shouldFileABareHashCommandInABridgeGroupButIgnoreChatter() {
        BotChat chat = BotChat.bridge("intake-s", null);
        World w = new World(chat.channel, "wxid_m_" + Api.uniq("x"));
        assertNull(chat.group(w.chatId, "wxid_r1", "今天小区南门又积水了", false), "chatter without a mention");
        String reply = chat.group(w.chatId, "wxid_r1", "#反映 小区南门又积水了", false);
        assertTrue(reply.startsWith("已收到您反映的问题，编号 "), reply);
        admin().get("/api/opinions/" + numberIn(reply))
                .then()
                .body("text", equalTo("小区南门又积水了"))
                .body("communityCode", equalTo(w.community));
    }

    /** The guided flow on an Official Account: the phone is asked with consent, stored, shown masked. */
    @Test
    void shouldGuideAReportOnTheOfficialAccountWithCommunityPhoneAndConfirmation() {
        String oa = ScriptChats.officialAccount(null);
        World w = new World(oa, "o-" + Api.uniq("mem"));
        String me = "o-" + Api.uniq("res");
        String r = ScriptChats.oaText(oa, me, "反映");
        assertEquals("请描述您要反映的问题，例如：小区南门积水严重，晚上路灯也不亮。", r);
        r = ScriptChats.oaText(oa, me, "临夏路路口的红绿灯坏了两天，过马路很危险");
        assertTrue(r.startsWith("问题发生在哪个社区？请回复序号"), r);
        r = ScriptChats.oaText(oa, me, "没有这个社区");
        assertEquals("没有找到这个社区，请回复列表中的序号或社区名称，或回复「跳过」。", r);
        r = ScriptChats.oaText(oa, me, w.community);
        assertTrue(r.startsWith("如愿意留下手机号码"), r);
        assertTrue(r.contains("号码只有负责的委员能看到") && r.contains("跳过"), r);
        r = ScriptChats.oaText(oa, me, "12345");
        assertTrue(r.startsWith("这好像不是电话号码"), r);
        r = ScriptChats.oaText(oa, me, "139 1234 5678");
        assertTrue(r.startsWith("请确认您要反映的问题：\n「临夏路路口的红绿灯坏了两天，过马路很危险」"), r);
        assertTrue(r.contains("分类：市政设施") && r.contains("社区：临夏路社区"), r);
        assertTrue(r.contains("联系电话：139****5678（仅负责委员可见）") && !r.contains("13912345678"), r);
        assertEquals(0, ScriptChats.opinionsOf(w.community).size(), "nothing filed before the confirmation");
        r = ScriptChats.oaText(oa, me, "1");
        assertTrue(r.startsWith("已收到您反映的问题，编号 ") && r.contains("已转交王委员跟进"), r);
        String number = numberIn(r);
        admin().get("/api/opinions/" + number)
                .then()
                .body("text", equalTo("临夏路路口的红绿灯坏了两天，过马路很危险"))
                .body("communityCode", equalTo(w.community))
                .body("urgency", equalTo("urgent"))
                .body("reporter.phone", equalTo("139****5678"))
                .body("assignee.code", equalTo(w.member));
        // the status, asked on the same account, shows no personal data
        String status = ScriptChats.oaText(oa, "o-" + Api.uniq("other"), "查询 " + number);
        assertTrue(status.startsWith("编号 " + number + "：已转交王委员，等待委员确认。"), status);
        assertFalse(status.contains("红绿灯") || status.contains("王建国") || status.contains("139"), status);
    }

    @Test
    void shouldGuideAReportInEnglishOnAnEnChannelAndLetTheReporterCancel() {
        BotChat chat = BotChat.bridge("intake-en", "en");
        World w = new World(chat.channel, "wxid_m_" + Api.uniq("x"));
        String r =
                chat.direct("wxid_en1", "the street lights on Linxia Road have been out for a week, it is dangerous");
        assertTrue(r.startsWith("Which community is it in? Reply with the number"), r);
        assertFalse(r.contains("问题发生在"), r);
        r = chat.direct("wxid_en1", "skip");
        assertTrue(r.startsWith("If you would like the committee member to be able to call you"), r);
        r = chat.direct("wxid_en1", "skip");
        assertTrue(r.startsWith("Please confirm the concern to report:"), r);
        assertFalse(r.contains("Phone:"), r);
        r = chat.direct("wxid_en1", "yes");
        assertTrue(r.startsWith("Received as "), r);
        String number = numberIn(r);
        admin().get("/api/opinions/" + number).then().body("communityCode", nullValue());

        // another flow, cancelled halfway: nothing filed, and the next message starts afresh
        r = chat.direct("wxid_en2", "report");
        assertTrue(r.startsWith("Please describe your concern"), r);
        r = chat.direct("wxid_en2", "the lift in building 3 is broken again and elderly residents are stuck");
        assertTrue(r.startsWith("Which community"), r);
        assertEquals("All right, cancelled. Message me again whenever you need.", chat.direct("wxid_en2", "cancel"));
        String status = chat.direct("wxid_en2", "status " + number);
        assertTrue(status.startsWith(number + ": received; a committee member will be assigned soon."), status);
        assertEquals(0, ScriptChats.opinionsOf(w.community).size());
    }

    @Test
    void shouldLetOnlyTheReporterRateANamedOpinion() {
        BotChat chat = BotChat.bridge("intake-rate", null);
        World w = new World(chat.channel, "wxid_m_" + Api.uniq("x"));
        String number = numberIn(chat.group(w.chatId, "wxid_rep", "小区垃圾三天没人清运了", true));
        String early = chat.direct("wxid_rep", "评价 " + number + " 5");
        assertEquals("编号 " + number + " 不是您反映的待评价问题，请核对编号。", early, "not resolved yet");
        resolve(number);
        assertEquals(
                "编号 " + number + " 不是您反映的待评价问题，请核对编号。",
                chat.direct("wxid_someone_else", "评价 " + number + " 1"),
                "only the reporter rates");
        admin().get("/api/opinions/" + number).then().body("status", equalTo("resolved"));
        assertEquals("感谢您的评价（4 分），编号 " + number + " 已办结关闭。", chat.direct("wxid_rep", "评价 " + number + " 4分"));
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("closed"))
                .body("satisfaction", equalTo(4));
    }

    @Test
    void shouldAnswerAMembersCommandsInEnglishOnAnEnChannel() {
        BotChat chat = BotChat.bridge("intake-enm", "en");
        String memberUser = "wxid_m_" + Api.uniq("x");
        World w = new World(chat.channel, memberUser);
        String number = numberIn(chat.group(w.chatId, "wxid_res", "the drain at the south gate is blocked", true));
        String ack = chat.direct(memberUser, "ack " + number);
        assertTrue(
                ack.matches("Acknowledged " + number + "; please resolve it by \\d{2}-\\d{2} \\d{2}:\\d{2} .*"), ack);
        assertEquals(
                "Please add the result, e.g. \"办结 " + number + " the drain at the south gate is cleared\".",
                chat.direct(memberUser, "done " + number));
        String tasks = chat.direct(memberUser, "my tasks");
        assertTrue(tasks.startsWith("You have 1 open assignment(s):\n1. " + number + " [in progress]"), tasks);
        assertTrue(chat.direct(memberUser, "help").startsWith("Member commands:"));
    }

    /** The playground runs the real scripts but files nothing and uses no number. */
    @Test
    void shouldSimulateAReportWithoutFilingItOrUsingANumber() {
        BotChat chat = BotChat.bridge("intake-sim", null);
        World w = new World(chat.channel, "wxid_m_" + Api.uniq("x"));
        String before = numberIn(chat.group(w.chatId, "wxid_s1", "小区路灯坏了一排", true));
        Map<String, Object> sim = admin().body(Map.of(
                        "channelKey", chat.channel, "chatId", w.chatId, "userId", "wxid_s2", "text", "南门路灯坏了好几天"))
                .post("/api/bot/simulate")
                .then()
                .statusCode(200)
                .body("script", equalTo("report-group"))
                .body("effects", hasSize(1))
                .body("effects[0].action", equalTo("create-opinion"))
                .body("effects[0].dryRun", equalTo(true))
                .body("effects[0].communityCode", equalTo(w.community))
                .body("effects[0].assigneeCode", equalTo(w.member))
                .body("effects[0].category", equalTo("市政设施"))
                .body("effects[0].number", nullValue())
                .extract()
                .as(Map.class);
        String simulated =
                (String) ((List<Map<String, Object>>) sim.get("replies")).get(0).get("text");
        assertTrue(simulated.startsWith("已收到您反映的问题") && simulated.contains("已转交王委员跟进"), simulated);
        assertEquals(1, ScriptChats.opinionsOf(w.community).size(), "the playground filed nothing");
        String after = numberIn(chat.group(w.chatId, "wxid_s1", "小区南门积水严重", true));
        assertEquals(Long.parseLong(before.substring(5)) + 1, Long.parseLong(after.substring(5)), "no number used");
    }
}
