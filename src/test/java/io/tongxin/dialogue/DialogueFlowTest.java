package io.tongxin.dialogue;

import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.MessageKind;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.BotChat;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Multi-turn flows of the test scripts (src/test/bot-scripts) through real signed bridge webhooks on
 * PostgreSQL: each step, slots from the trigger, retries, cancel, expiry, two groups, state in the
 * database, group chatter, the channel's language (one sender's messages in order: DialogueOrderTest).
 */
@QuarkusTest
class DialogueFlowTest {

    static final String ASK_ITEM = "请问要点什么？";
    static final String RETRY_ITEM = "饮品名称是两到十个字，请再说一次。";
    static final String ASK_NOTE = "有什么备注吗？不需要请回复「跳过」。";

    @Inject
    DataSource ds;

    @Inject
    MutableClock clock;

    @Inject
    DialogueEngine engine;

    @Inject
    Conversations conversations;

    /**
     * What a short text no flow waits for gets in a direct chat: the shipped report script's answer to
     * a text too short to be a concern (it is read as a new message, not as an answer).
     */
    static final String NOT_AN_ANSWER = "请直接描述您反映的问题";

    @Test
    void shouldWalkEveryStepOfAFlowInADirectChat() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        assertEquals(ASK_ITEM, chat.direct(u, "点单"));
        assertEquals(RETRY_ITEM, chat.direct(u, "x"));
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", chat.direct(u, "拿铁"));
        assertEquals("请回复 1、2 或 3。", chat.direct(u, "超大杯"));
        assertEquals(ASK_NOTE, chat.direct(u, "中杯"));
        assertEquals("确认点单：拿铁（M）？回复 1 确认，2 取消。", chat.direct(u, "跳过"));
        assertEquals(1, conversationRows(chat.channel, u));
        String done = chat.direct(u, "1");
        List<Map<String, Object>> rows = records(chat.channel, u);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("已记录第 " + rows.get(0).get("id") + " 号：拿铁。", done);
        assertEquals("M", rows.get(0).get("size"));
        assertEquals("", rows.get(0).get("note"));
        assertEquals(false, rows.get(0).get("dry_run"));
        assertEquals(0, conversationRows(chat.channel, u), "the flow ended");
    }

    @Test
    void shouldCompleteAFlowFromOneLineWhenTheTriggerFillsEverySlot() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        String done = chat.direct(u, "记录 买牛奶🥛");
        List<Map<String, Object>> rows = records(chat.channel, u);
        assertEquals(1, rows.size());
        assertEquals("已记录第 " + rows.get(0).get("id") + " 号：买牛奶🥛。", done);
        assertEquals(0, conversationRows(chat.channel, u));
        // a regex trigger's named groups fill three slots: straight to the confirmation, the size by its label
        assertEquals("确认点单：摩卡（L），备注：少冰？回复 1 确认，2 取消。", chat.direct(u, "快速点单 摩卡 大杯 少冰"));
        chat.direct(u, "确认");
        assertEquals("L", records(chat.channel, u).get(1).get("size"));
    }

    @Test
    void shouldAskAgainForASlotTheTriggerFilledWithAnInvalidValue() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        assertEquals(ASK_ITEM, chat.direct(u, "点单 x"));
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", chat.direct(u, "拿铁"));
        String v = uniq("wxid");
        // a size that is no choice is asked for, not passed to the action
        assertEquals("摩卡要多大杯？1.大杯 2.中杯 3.小杯", chat.direct(v, "快速点单 摩卡 巨无霸 少冰"));
        assertEquals("确认点单：摩卡（S），备注：少冰？回复 1 确认，2 取消。", chat.direct(v, "3"));
    }

    @Test
    void shouldRetryThenGiveUpAfterTheLimit() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        chat.direct(u, "点单");
        assertEquals(RETRY_ITEM, chat.direct(u, "1"));
        assertEquals(RETRY_ITEM, chat.direct(u, "☕"));
        assertTrue(chat.direct(u, "x").startsWith("抱歉，几次都没能识别您的回答"));
        assertEquals(0, conversationRows(chat.channel, u));
        // the flow is over: the next text is not an answer any more
        assertTrue(chat.direct(u, "拿铁").startsWith(NOT_AN_ANSWER));
        // choices with retries: 1 -> one retry message, then gave up
        chat.direct(u, "点单 拿铁");
        assertEquals("请回复 1、2 或 3。", chat.direct(u, "9"));
        assertTrue(chat.direct(u, "9").startsWith("抱歉，几次都没能识别您的回答"));
        assertTrue(records(chat.channel, u).isEmpty());
    }

    @Test
    void shouldLeaveAnyFlowOnCancel() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        chat.direct(u, "点单");
        assertEquals("好的，已取消。需要时随时再找我。", chat.direct(u, "取消"));
        assertEquals(0, conversationRows(chat.channel, u));
        chat.direct(u, "点单 拿铁");
        chat.direct(u, "1");
        chat.direct(u, "跳过");
        assertEquals("好的，已取消。需要时随时再找我。", chat.direct(u, "Cancel"));
        assertEquals(0, conversationRows(chat.channel, u));
        chat.direct(u, "点单 拿铁");
        assertEquals("好的，已取消。需要时随时再找我。", chat.direct(u, "取消。"));
        assertTrue(records(chat.channel, u).isEmpty(), "a cancelled flow calls no action");
    }

    @Test
    void shouldGiveTheTimeoutNoticeOnTheFirstMessageAfterExpiry() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        chat.direct(u, "点单");
        clock.advance(Duration.ofMinutes(9));
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", chat.direct(u, "拿铁"), "each answer gives ten more minutes");
        clock.advance(Duration.ofMinutes(9));
        assertEquals(ASK_NOTE, chat.direct(u, "1"));
        clock.advance(Duration.ofMinutes(11));
        String r = chat.direct(u, "少冰");
        assertTrue(r.startsWith("上次的对话已超时结束，如需继续请重新开始。"), r);
        assertEquals(0, conversationRows(chat.channel, u), "the expired state is cleared");
        assertTrue(chat.direct(u, "1").startsWith(NOT_AN_ANSWER), "no timeout notice twice");
        assertTrue(records(chat.channel, u).isEmpty());
    }

    @Test
    void shouldKeepTwoConversationsForOneUserInTwoGroups() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        String a = uniq("room");
        String b = uniq("room");
        assertEquals(ASK_ITEM, chat.group(a, u, "点单", true));
        assertEquals("摩卡要多大杯？1.大杯 2.中杯 3.小杯", chat.group(b, u, "点单 摩卡", true));
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", chat.group(a, u, "拿铁", true));
        assertEquals(ASK_NOTE, chat.group(b, u, "1", true));
        assertEquals(ASK_NOTE, chat.group(a, u, "3", true));
        assertEquals("确认点单：摩卡（L），备注：热？回复 1 确认，2 取消。", chat.group(b, u, "热", true));
        assertEquals("确认点单：拿铁（S）？回复 1 确认，2 取消。", chat.group(a, u, "跳过", true));
        assertEquals(2, conversationRows(chat.channel, u));
        assertEquals("好的，已取消。需要时随时再找我。", chat.group(a, u, "取消", true));
        chat.group(b, u, "1", true);
        List<Map<String, Object>> rows = records(chat.channel, u);
        assertEquals(1, rows.size());
        assertEquals("摩卡", rows.get(0).get("what"));
        // and the direct chat is a third conversation: nothing waits there
        assertTrue(chat.direct(u, "1").startsWith(NOT_AN_ANSWER));
    }

    @Test
    void shouldContinueAFlowFromItsDatabaseRowAlone() throws Exception {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        chat.direct(u, "点单 拿铁");
        Map<String, Object> row = query(
                        "select script_id, step, awaiting, slots, retries, language, expires_at from bot_conversation"
                                + " where channel_key = ? and user_id = ?",
                        chat.channel,
                        u)
                .get(0);
        assertEquals("test-order", row.get("script_id"));
        assertEquals(2, row.get("step"));
        assertEquals("slot", row.get("awaiting"));
        assertEquals("{\"item\":\"拿铁\"}", row.get("slots"));
        // an engine call that has nothing but the row (as another instance after a restart would)
        InboundMessage m = new InboundMessage(
                0,
                chat.channel,
                ChannelType.BRIDGE,
                MessageKind.TEXT,
                null,
                u,
                "居民",
                null,
                "2",
                List.of(),
                false,
                null,
                null,
                "x",
                Instant.now(),
                Instant.now(),
                null,
                "",
                1,
                true,
                java.util.List.of());
        Conversations.Key key = new Conversations.Key(chat.channel, null, u, false);
        Decision d;
        QuarkusTransaction.begin();
        try {
            d = engine.decide(m, conversations.lock(key), "zh-CN", true);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEquals(ASK_NOTE, d.replies().get(0).text());
        assertEquals(3, d.next().orElseThrow().step());
        assertEquals(Map.of("item", "拿铁", "size", "M"), d.next().orElseThrow().slots());
        // and the real conversation goes on from the row
        assertEquals(ASK_NOTE, chat.direct(u, "2"));
    }

    @Test
    void shouldIgnoreGroupChatterAndTakeBareCommandsWithoutMention() {
        BotChat chat = BotChat.bridge("bot-f", null);
        String u = uniq("wxid");
        String room = uniq("room");
        assertNull(chat.group(room, u, "今天天气不错", false));
        assertNull(chat.group(room, u, "点单 拿铁", false), "not bare: needs the @-mention");
        assertEquals(0, conversationRows(chat.channel, u));
        String r = chat.group(room, u, "记录 买菜", false);
        assertTrue(r.startsWith("已记录第 "), r);
        // in a flow, group text without the @-mention is chatter, not an answer
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", chat.group(room, u, "点单 拿铁", true));
        assertNull(chat.group(room, u, "2", false));
        assertEquals(ASK_NOTE, chat.group(room, u, "2", true));
        for (Map<String, Object> row : Webhooks.inbox(chat.channel)) {
            if (!Boolean.TRUE.equals(row.get("mentionsBot")) && !"记录 买菜".equals(row.get("text"))) {
                assertNull(row.get("reply"), row.toString());
            }
        }
    }

    @Test
    void shouldAnswerAFlowInTheChannelsLanguageOnly() {
        BotChat chat = BotChat.bridge("bot-f", "en");
        String u = uniq("wxid");
        assertEquals("What would you like?", chat.direct(u, "order"));
        assertEquals("A drink name is 2 to 10 letters, please say it again.", chat.direct(u, "1"));
        chat.direct(u, "Latte");
        assertEquals("Any note? Reply \"skip\" for none.", chat.direct(u, "1"));
        assertEquals("Confirm: Latte (L)? Reply 1 to confirm, 2 to cancel.", chat.direct(u, "skip"));
        String done = chat.direct(u, "yes");
        assertTrue(done.matches("Recorded as no\\. \\d+: Latte\\."), done);
        assertTrue(chat.direct(u, "cancel").startsWith("There is nothing to cancel"));
    }

    // --- helpers: the database as it is, read with plain JDBC

    int conversationRows(String channel, String user) {
        return query(
                        "select id from bot_conversation where channel_key = ? and user_id = ? and not sandbox",
                        channel,
                        user)
                .size();
    }

    List<Map<String, Object>> records(String channel, String user) {
        return query(
                "select id, what, size, note, dry_run from bot_test_record where channel_key = ? and user_id = ?"
                        + " order by id",
                channel,
                user);
    }

    static Map<String, Object> inboxRow(String channel, String text) {
        return Webhooks.inbox(channel).stream()
                .filter(r -> text.equals(r.get("text")))
                .findFirst()
                .orElseThrow();
    }

    List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
