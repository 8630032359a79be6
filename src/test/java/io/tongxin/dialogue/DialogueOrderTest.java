package io.tongxin.dialogue;

import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.BotChat;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One sender's messages to the bot are handled in order (issue 16): on one instance a turn that
 * arrives while the sender's previous one is still being processed waits for it in memory and runs
 * right after it (no rolled-back attempt, no deferral); a turn whose sender has an earlier message
 * unfinished elsewhere (another instance) is deferred and handled once that one is done.
 */
@QuarkusTest
class DialogueOrderTest {

    static final String ASK_SIZE = "慢拿铁要多大杯？1.大杯 2.中杯 3.小杯";
    static final String CONFIRM = "确认点单：慢拿铁（L）？回复 1 确认，2 取消。";

    @Inject
    DataSource ds;

    @Test
    void shouldRunASendersTurnsSentAtOnceInOrderWithoutDeferringAny() throws Exception {
        BotChat chat = BotChat.bridge("bot-o", null);
        String u = uniq("wxid");
        assertEquals(DialogueFlowTest.ASK_ITEM, chat.direct(u, "点单"));
        CountDownLatch entered = TestActions.hold("慢拿铁");
        CompletableFuture<String> first;
        CompletableFuture<String> second;
        CompletableFuture<String> third;
        try {
            first = CompletableFuture.supplyAsync(() -> chat.direct(u, "慢拿铁"));
            assertTrue(entered.await(20, TimeUnit.SECONDS), "the first answer reached the gate");
            // the next two turns arrive while the first is still being processed, one after the other
            second = CompletableFuture.supplyAsync(() -> chat.direct(u, "大杯"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> row(chat.channel, "大杯").isPresent());
            third = CompletableFuture.supplyAsync(() -> chat.direct(u, "跳过"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> row(chat.channel, "跳过").isPresent());
            for (String text : List.of("大杯", "跳过")) {
                Map<String, Object> waiting = row(chat.channel, text).orElseThrow();
                assertEquals("processing", waiting.get("status"), "claimed, waiting for the first: " + waiting);
                assertNull(waiting.get("lastError"), "not deferred: " + waiting);
            }
        } finally {
            TestActions.release("慢拿铁");
        }
        assertEquals(ASK_SIZE, first.get(20, TimeUnit.SECONDS));
        second.get(20, TimeUnit.SECONDS);
        third.get(20, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Webhooks.inbox(chat.channel).stream().allMatch(r -> "processed".equals(r.get("status"))));
        assertEquals(
                DialogueFlowTest.ASK_NOTE,
                row(chat.channel, "大杯").orElseThrow().get("reply"),
                "the size after the item");
        assertEquals(CONFIRM, row(chat.channel, "跳过").orElseThrow().get("reply"), "the note after the size");
        List<Map<String, Object>> rows = Webhooks.inbox(chat.channel);
        assertEquals(4, rows.size(), rows.toString());
        for (Map<String, Object> r : rows) {
            // one attempt each, none given back: nothing was rolled back or deferred
            assertEquals(1, ((Number) r.get("attempts")).intValue(), r.toString());
            assertNull(r.get("lastError"), r.toString());
        }
    }

    @Test
    void shouldDeferATurnWhoseSendersEarlierMessageIsUnfinishedElsewhere() throws Exception {
        BotChat chat = BotChat.bridge("bot-o", null);
        String u = uniq("wxid");
        assertEquals(DialogueFlowTest.ASK_ITEM, chat.direct(u, "点单"));
        // another instance holds an earlier message of this sender (claimed there, not processed yet)
        long elsewhere = insertClaimedElsewhere(chat.channel, u);
        assertNull(chat.direct(u, "拿铁"), "it waits: no inline answer");
        Map<String, Object> later = row(chat.channel, "拿铁").orElseThrow();
        assertEquals("retrying", later.get("status"), later.toString());
        assertTrue(String.valueOf(later.get("lastError")).startsWith("deferred:"), later.toString());
        execute(
                "update inbox_message set status = 'processed', processed_at = now(), claim_token = null,"
                        + " locked_until = null where id = ?",
                elsewhere);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        "processed".equals(row(chat.channel, "拿铁").orElseThrow().get("status")));
        later = row(chat.channel, "拿铁").orElseThrow();
        assertEquals("拿铁要多大杯？1.大杯 2.中杯 3.小杯", later.get("reply"));
        assertEquals("outbox", later.get("replyDelivery"));
        assertEquals(1, ((Number) later.get("attempts")).intValue(), "waiting is not a failed attempt");
    }

    static Optional<Map<String, Object>> row(String channel, String text) {
        return Webhooks.inbox(channel).stream()
                .filter(r -> text.equals(r.get("text")))
                .findFirst();
    }

    private long insertClaimedElsewhere(String channel, String user) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "insert into inbox_message (channel_key, channel_type, dedupe_key, kind, sender_id, text,"
                                + " received_at, raw, status, attempts, next_attempt_at, claim_token, locked_until)"
                                + " values (?, 'bridge', ?, 'text', ?, '另一实例', now(), '{}', 'processing', 1, now(),"
                                + " 'elsewhere', now() + interval '10 minutes')",
                        new String[] {"id"})) {
            s.setString(1, channel);
            s.setString(2, uniq("elsewhere"));
            s.setString(3, user);
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void execute(String sql, long id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
