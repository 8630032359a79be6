package io.tongxin.opinion.intake;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.support.Api;
import io.tongxin.support.BotChat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the shipped scripts read the chat commands (their regexes and command words), tried on the
 * real scripts and actions through {@code POST /api/bot/simulate}, which changes nothing: members'
 * commands with their number written short or long, residents' ratings and status queries.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatCommandPatternsTest {

    private String channel;
    private String member;
    private String memberCode;
    private final String chatId = Api.uniq("room") + "@chatroom";
    private final String reporter = "wxid_" + Api.uniq("rep");

    @BeforeEach
    void world() {
        if (channel != null) {
            return; // once per class: RestAssured knows the port only by the first test
        }
        channel = BotChat.bridge("intake-pat", null).channel;
        member = "wxid_" + Api.uniq("mem");
        String sector = Api.uniq("sec");
        admin().body(Map.of("code", sector, "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        memberCode = Api.uniq("m");
        admin().body(Map.of(
                        "code",
                        memberCode,
                        "name",
                        "王建国",
                        "level",
                        "county",
                        "sectorCode",
                        sector,
                        "identities",
                        List.of(Map.of("channelKey", channel, "userId", member))))
                .post("/api/members")
                .then()
                .statusCode(201);
    }

    private JsonPath simulate(String chat, String user, String text, boolean mention) {
        Map<String, Object> body = new HashMap<>(Map.of("channelKey", channel, "userId", user, "text", text));
        if (chat != null) {
            body.put("chatId", chat);
            body.put("mentionsBot", mention);
        }
        return admin().body(body)
                .post("/api/bot/simulate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String reply(JsonPath p) {
        List<String> texts = p.getList("replies.text");
        return texts.isEmpty() ? null : texts.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "收到 1999-000123|member-ack|1999-000123",
                "确认1999-123|member-ack|1999-000123",
                "已收到：1999 - 7。|member-ack|1999-000007",
                "ACK 1999-5!|member-ack|1999-000005",
                "acknowledge 1999-000005|member-ack|1999-000005",
                "备注 1999-000123 已约居民周五见面|member-note|1999-000123",
                "进展：1999-12，已联系物业|member-note|1999-000012",
                "办结 1999-000123 南门排水口已疏通|member-resolve|1999-000123",
                "完成 1999-1 修好了|member-resolve|1999-000001",
                "Done 1999-1: fixed|member-resolve|1999-000001",
                "转交 1999-000123 属教育界别|member-transfer|1999-000123",
                "transfer 1999-9 not mine|member-transfer|1999-000009"
            })
    void shouldReadAMembersCommandWithItsNumber(String text, String script, String number) {
        JsonPath p = simulate(null, member, text, false);
        assertEquals(script, p.getString("script"), text);
        assertEquals("未找到编号为 " + number + " 的问题，请核对编号。", reply(p));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "note 1999-12|member-note|请写上备注内容，例如：备注 1999-000012 已约居民周五见面。",
                "转办1999-9|member-transfer|请写上转交原因，例如：转交 1999-000009 属教育界别，请相关委员办理。",
                "办结 1999-3|member-resolve|请写上办理结果，例如：办结 1999-000003 南门排水口已疏通。"
            })
    void shouldAskForTheWordsAfterTheNumber(String text, String script, String answer) {
        JsonPath p = simulate(null, member, text, false);
        assertEquals(script, p.getString("script"));
        assertEquals(answer, reply(p));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"我的任务", "任务？", "待办", "My Tasks"})
    void shouldReadTheTaskList(String text) {
        JsonPath p = simulate(null, member, text, false);
        assertEquals("member-tasks", p.getString("script"));
        assertEquals("您目前没有待办的问题。", reply(p));
    }

    /** Not a command: a member's direct chat answers with the menu. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"帮助", "收到", "收到 123", "今天天气不错"})
    void shouldAnswerAMemberWithTheMenuForAnythingElse(String text) {
        JsonPath p = simulate(null, member, text, false);
        assertEquals("member-menu", p.getString("script"), text);
        assertTrue(reply(p).startsWith("委员可用指令："), reply(p));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "查询 1999-000123|1999-000123",
                "查询进度1999-12|1999-000012",
                "进度：1999 - 3？|1999-000003",
                "status 1999-1|1999-000001",
                "Query 1999-1.|1999-000001"
            })
    void shouldReadAStatusQuery(String text, String number) {
        JsonPath p = simulate(null, reporter, text, false);
        assertEquals("opinion-status", p.getString("script"));
        assertEquals("未找到编号为 " + number + " 的问题，请核对编号。", reply(p));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"查询", "status", "进度？"})
    void shouldAnswerAStatusQueryWithoutANumberWithTheUsage(String text) {
        assertEquals("请发送「查询 编号」查询办理进度，例如：查询 2026-000123", reply(simulate(null, reporter, text, false)));
    }

    /** A bare rating from the reporter of a resolved opinion (simulated: it stays unrated, so every row rates it). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"5|5", "1|1", "4分|4", "3 星|3", "5颗星！|5", "2。|2"})
    void shouldReadABareRating(String text, int rating) {
        String number = resolvedOpinion();
        JsonPath p = simulate(null, reporter, text, false);
        assertEquals("rating", p.getString("script"));
        assertEquals("感谢您的评价（" + rating + " 分），编号 " + number + " 已办结关闭。", reply(p));
        assertEquals(rating, p.getInt("effects[0].rating"));
    }

    /** Not a rating, and unmentioned in the group: nobody is answered. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "6", "10", "55", "5 很好", "五", "@张三 5"})
    void shouldNotTakeOtherTextForARating(String text) {
        JsonPath p = simulate(chatId, reporter, text, false);
        assertEquals(List.of(), p.getList("replies"), text);
        assertEquals(List.of(), p.getList("effects"), text);
    }

    private String resolvedOpinion;

    /** An opinion the reporter filed (by phone, on their chat identity), assigned, acknowledged and resolved. */
    private synchronized String resolvedOpinion() {
        if (resolvedOpinion == null) {
            String resident = Api.uniq("r");
            admin().body(Map.of("code", resident, "channelKey", channel, "userId", reporter))
                    .post("/api/residents")
                    .then()
                    .statusCode(201);
            resolvedOpinion = admin().body(Map.of("text", "小区路灯坏了一排，晚上很黑", "residentCode", resident))
                    .post("/api/opinions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("number");
            admin().body(Map.of("memberCode", memberCode))
                    .post("/api/opinions/" + resolvedOpinion + "/assign")
                    .then()
                    .statusCode(200);
            admin().body(Map.of())
                    .post("/api/opinions/" + resolvedOpinion + "/acknowledge")
                    .then()
                    .statusCode(200);
            admin().body(Map.of("note", "已修好"))
                    .post("/api/opinions/" + resolvedOpinion + "/resolve")
                    .then()
                    .statusCode(200);
        }
        return resolvedOpinion;
    }
}
