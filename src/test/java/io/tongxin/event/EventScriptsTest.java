package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.BotChat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the event scripts ({@code bot-scripts/event-*.yaml}) recognise, through the playground
 * ({@code POST /api/bot/simulate}, the real scripts and actions, nothing changed): which script answers
 * a text, and that sentences which merely start like a command are not taken for one.
 */
@QuarkusTest
class EventScriptsTest {

    private String channel;

    @BeforeEach
    void channel() {
        channel = BotChat.bridge("intake-ev", null).channel;
    }

    /** The playground's answer: {@code script}, {@code replies}, {@code effects}. */
    private Map<String, Object> simulate(String chatId, String text, boolean mention) {
        Map<String, Object> body = new HashMap<>(
                Map.of("channelKey", channel, "userId", "wxid_scripts", "text", text, "mentionsBot", mention));
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
    private static String reply(Map<String, Object> s) {
        List<Map<String, Object>> replies = (List<Map<String, Object>>) s.get("replies");
        return replies.isEmpty() ? null : (String) replies.get(0).get("text");
    }

    private void assertAnswers(String chatId, String text, String script, String replyPart) {
        Map<String, Object> s = simulate(chatId, text, chatId != null);
        assertEquals(script, s.get("script"), text + " -> " + s);
        String r = reply(s);
        assertTrue(r != null && r.contains(replyPart), text + " -> " + r);
    }

    @Test
    void shouldRecogniseTheEventCommandsWithOrWithoutAnAtMention() {
        assertAnswers("room-1", "@同心助手\u2005报名 JIEWU 王小明 9", "event-sign-up", "未找到活动 JIEWU");
        assertAnswers(null, "报名：JIEWU 王小明 9", "event-sign-up", "未找到活动 JIEWU");
        assertAnswers(null, "报名", "event-sign-up", "报名 活动编号 姓名");
        assertAnswers("room-1", "@同心助手 报名 JIEWU", "event-sign-up", "报名 活动编号 姓名");
        assertAnswers(null, "取消报名 abcd2345", "event-cancel-registration", "未找到您的报名 ABCD2345");
        assertAnswers(null, "取消报名", "event-cancel-registration", "取消报名 报名编号");
        assertAnswers(null, "我的报名", "event-my-registrations", "您还没有报名记录");
        assertAnswers("room-1", "@同心助手 签到 JIEWU ABCD2345", "event-check-in-refused", "只有工作站站长");
        assertAnswers(null, "已转发 lz-dance", "event-forwarded", "没有找到活动 lz-dance");
        assertAnswers(null, "参加 mt-1", "event-attend", "没有找到活动 mt-1");
        assertAnswers(null, "请假 mt-1 出差在外", "event-leave", "没有找到活动 mt-1");
        assertAnswers(null, "请假：mt-1。", "event-leave", "没有找到活动 mt-1");
    }

    @Test
    void shouldLeaveSentencesThatMerelyStartLikeACommand() {
        for (String t : List.of(
                "报名参加的人太多了", "签到处没有人", "我的报名怎么没有了？谁能帮我看看", "取消报名的流程太复杂", "参加了昨天的活动很开心", "已转发给邻居们了", "小区南门积水严重")) {
            Map<String, Object> s = simulate(null, t, false);
            assertFalse(String.valueOf(s.get("script")).startsWith("event-"), t + " -> " + s);
        }
    }

    @Test
    void shouldKeepQuietInAGroupUnlessAddressedOrAnsweringAKnownEvent() {
        // sign-ups need the @-mention in a group
        Map<String, Object> s = simulate("room-2", "报名 JIEWU 王小明", false);
        assertEquals(null, s.get("script"), s.toString());
        // 已转发 / 参加 / 请假 apply without it, but an unknown event is chatter: no answer
        for (String t : List.of("已转发 nosuch", "参加 nosuch", "请假 nosuch 出差")) {
            s = simulate("room-2", t, false);
            assertEquals(null, reply(s), t + " -> " + s);
        }
    }

    @Test
    void shouldLoadEveryEventScript() {
        admin().get("/api/bot/scripts")
                .then()
                .statusCode(200)
                .body(
                        "scripts.id",
                        hasItems(
                                "event-sign-up",
                                "event-cancel-registration",
                                "event-my-registrations",
                                "event-check-in",
                                "event-check-in-refused",
                                "event-forwarded",
                                "event-attend",
                                "event-leave"))
                .body("errors.findAll { it.file.startsWith('event-') }.size()", org.hamcrest.Matchers.equalTo(0));
    }
}
