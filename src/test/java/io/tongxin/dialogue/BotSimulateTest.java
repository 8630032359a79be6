package io.tongxin.dialogue;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.support.Api;
import io.tongxin.support.BotChat;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** POST /api/bot/simulate: the real scripts and actions, nothing changed or sent, its own conversations. */
@QuarkusTest
class BotSimulateTest {

    @Inject
    DataSource ds;

    @Test
    void shouldStepThroughAFlowAndChangeNothing() {
        BotChat chat = BotChat.bridge("bot-s", null);
        String u = uniq("wxid");
        long records = count("select count(*) from bot_test_record");
        long outbox = count("select count(*) from outbox_message");
        int calls = TestActions.RECORD_CALLS.get();

        JsonPath first = simulate(chat.channel, null, u, "点单 拿铁");
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", first.getString("replies[0].text"));
        assertEquals("slot", first.getString("waitingFor"));
        assertEquals("test-order", first.getString("script"));
        simulate(chat.channel, null, u, "中杯");
        assertEquals("confirm", simulate(chat.channel, null, u, "跳过").getString("waitingFor"));
        JsonPath done = simulate(chat.channel, null, u, "1");
        // the action ran (and wrote its row) but the playground rolled it back
        assertEquals(calls + 1, TestActions.RECORD_CALLS.get());
        assertEquals(records, count("select count(*) from bot_test_record"), "the action's write is rolled back");
        assertEquals(outbox, count("select count(*) from outbox_message"), "nothing is sent");
        assertEquals(0, count("select count(*) from inbox_message where channel_key = '" + chat.channel + "'"));
        assertEquals(null, done.getString("waitingFor"));
        assertEquals("test-record", done.getString("effects[0].action"));
        assertEquals("拿铁", done.getString("effects[0].what"));
        assertEquals("M", done.getString("effects[0].size"));
        assertEquals("", done.getString("effects[0].note"));
        String reply = done.getString("replies[0].text");
        assertEquals(true, reply.startsWith("已记录第 ") && reply.endsWith(" 号：拿铁。"), reply);
        assertEquals(0, count("select count(*) from bot_conversation where channel_key = '" + chat.channel + "'"));
    }

    @Test
    void shouldKeepTheSandboxConversationApartFromTheRealUsers() {
        BotChat chat = BotChat.bridge("bot-s", null);
        String u = uniq("wxid");
        String room = uniq("room");
        assertEquals(DialogueFlowTest.ASK_ITEM, chat.group(room, u, "点单", true));
        JsonPath s = simulate(chat.channel, room, u, "点单 摩卡");
        assertEquals("摩卡要多大杯？1.大杯 2.中杯 3.小杯", s.getString("replies[0].text"));
        assertEquals(u, s.getString("replies[0].mentions[0]"), "in a group the reply mentions the sender");
        simulate(chat.channel, room, u, "取消");
        // the real user's question is still the one waiting for them
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", chat.group(room, u, "拿铁", true));
        assertEquals(1, count("select count(*) from bot_conversation where channel_key = '" + chat.channel + "'"));
        // and the playground's flow does not answer the real one
        assertEquals(
                DialogueFlowTest.ASK_ITEM, simulate(chat.channel, room, u, "点单").getString("replies[0].text"));
        assertEquals(DialogueFlowTest.ASK_NOTE, chat.group(room, u, "1", true));
        assertEquals(2, count("select count(*) from bot_conversation where channel_key = '" + chat.channel + "'"));
    }

    @Test
    void shouldRefuseBadInputAsProblemJson() {
        BotChat chat = BotChat.bridge("bot-s", null);
        post(Map.of("channelKey", "no-such-channel", "userId", "u1", "text", "帮助"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("channelKey"));
        post(Map.of("channelKey", chat.channel, "userId", "u1", "text", "  "))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        post(Map.of("channelKey", chat.channel, "userId", "u1"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        post(Map.of("channelKey", chat.channel, "userId", "u".repeat(129), "text", "帮助"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        post(Map.of("channelKey", chat.channel, "userId", "u1", "text", "长".repeat(2001)))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        admin().body("{").post("/api/bot/simulate").then().statusCode(400).contentType("application/problem+json");
        // group chatter in the playground: no reply, nothing waiting
        Map<String, Object> chatter =
                new HashMap<>(Map.of("channelKey", chat.channel, "chatId", "r1", "userId", "u1", "text", "天气不错"));
        chatter.put("mentionsBot", false);
        post(chatter).then().statusCode(200).body("replies", hasSize(0)).body("waitingFor", nullValue());
    }

    /**
     * Two first messages of one user at once: the second one's conversation row meets the first one's
     * (Conversations.save's insert-or-get, RetryLater). The playground answers a 409 problem+json that
     * says to send it again, not a 500, and keeps the conversation the first one started.
     */
    @Test
    void shouldAnswerConflictWhenAConcurrentFirstMessageStartedTheSameConversation() throws Exception {
        BotChat chat = BotChat.bridge("bot-s", null);
        String u = uniq("wxid");
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            // the concurrent first message: its sandbox conversation row inserted, not yet committed
            try (PreparedStatement s = first.prepareStatement("insert into bot_conversation (channel_key, chat_id,"
                    + " user_id, sandbox, script_id, step, awaiting, slots, retries, language, expires_at, updated_at)"
                    + " values (?, '', ?, true, 'test-order', 1, 'slot', '{\"what\":\"拿铁\"}', 0, 'zh-CN',"
                    + " now() + interval '10 minutes', now())")) {
                s.setString(1, chat.channel);
                s.setString(2, u);
                s.executeUpdate();
            }
            CompletableFuture<io.restassured.response.Response> second = CompletableFuture.supplyAsync(
                    () -> post(Map.of("channelKey", chat.channel, "userId", u, "text", "点单 拿铁")));
            // commit only once the playground's insert waits for that row
            long deadline = System.currentTimeMillis() + 30_000;
            while (count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like 'insert into bot_conversation%'")
                    == 0) {
                if (second.isDone() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the playground did not wait for the concurrent conversation row: "
                            + second.get().asString());
                }
                Thread.sleep(20);
            }
            first.commit();
            second.get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("send it again"));
        }
        assertEquals(
                1,
                count("select count(*) from bot_conversation where sandbox and channel_key = '" + chat.channel
                        + "' and user_id = '" + u + "'"));
        // sent again, the message is answered (on the conversation that was started)
        post(Map.of("channelKey", chat.channel, "userId", u, "text", "点单 拿铁"))
                .then()
                .statusCode(200)
                .body("replies", hasSize(1));
    }

    @Test
    void shouldBeForOrganizersAndAdminsOnly() {
        BotChat chat = BotChat.bridge("bot-s", null);
        Map<String, Object> body = Map.of("channelKey", chat.channel, "userId", "u1", "text", "帮助");
        String member = Api.mint("member", member());
        Api.as(member).body(body).post("/api/bot/simulate").then().statusCode(403);
        Api.as(member).get("/api/bot/scripts").then().statusCode(403);
        Api.anonymous().body(body).post("/api/bot/simulate").then().statusCode(401);
        Api.anonymous().get("/api/bot/scripts").then().statusCode(401);
        String organizer = Api.mint("organizer", null);
        Api.as(organizer)
                .body(body)
                .post("/api/bot/simulate")
                .then()
                .statusCode(200)
                .body("script", equalTo("help"));
    }

    /** A committee member (a sector first: members belong to one). */
    private static String member() {
        String sector = uniq("sec");
        admin().body(Map.of("code", sector, "name", "经济界"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        String code = uniq("mem");
        admin().body(Map.of(
                        "code",
                        code,
                        "name",
                        "杨小龙",
                        "level",
                        "county",
                        "sectorCode",
                        sector,
                        "communityCodes",
                        java.util.List.of(),
                        "identities",
                        java.util.List.of()))
                .post("/api/members")
                .then()
                .statusCode(201);
        return code;
    }

    private static io.restassured.response.Response post(Map<String, Object> body) {
        return admin().body(body).post("/api/bot/simulate");
    }

    static JsonPath simulate(String channel, String chatId, String user, String text) {
        Map<String, Object> body = new HashMap<>(Map.of("channelKey", channel, "userId", user, "text", text));
        if (chatId != null) {
            body.put("chatId", chatId);
        }
        return post(body).then().statusCode(200).extract().jsonPath();
    }

    long count(String sql) {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
