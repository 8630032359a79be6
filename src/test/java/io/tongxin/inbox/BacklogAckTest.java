package io.tongxin.inbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.inbox;
import static io.tongxin.support.Webhooks.postMpPlain;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.channel.ChannelCredentials;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, goal 1: when processing is behind (every worker busy and {@code inline-max-queued}
 * messages already waiting for one), the webhook does not wait for the reply: it answers at once,
 * counts it in {@code tongxin.webhook.not-waited}, and the reply goes through the outbox, exactly once.
 * The same when the backlog is in the database (stored {@code pending}, by this instance or another)
 * while this instance's own queue is short.
 */
@QuarkusTest
class BacklogAckTest {

    @Inject
    InboxProcessor processor;

    @Inject
    WebhookConfig webhook;

    @Inject
    InboxConfig inbox;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @Inject
    ChannelCredentials channels;

    @Test
    void shouldAnswerAtOnceAndSendTheReplyThroughTheOutboxWhenProcessingIsBehind() throws Exception {
        String key = Webhooks.mpChannel(false);
        int held = inbox.workers() + webhook.inlineMaxQueued();
        ExecutorService senders = Executors.newFixedThreadPool(held);
        List<CompletableFuture<Integer>> slow = new ArrayList<>();
        try {
            // every worker busy with a message its handler holds, and the waiting line full
            for (int i = 0; i < held; i++) {
                long msgId = 16_000L + i;
                slow.add(CompletableFuture.supplyAsync(
                        () -> postMpPlain(key, Webhooks.textXml("慢 #slow " + msgId, msgId))
                                .statusCode(),
                        senders));
                long accepted = i + 1;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> inbox(key).size() == accepted);
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> processor.queued() >= webhook.inlineMaxQueued());

            // a message whose handler would answer at once is acknowledged without its reply (the slow
            // ones queued may not have waited either: their expected wait can exceed the budget)
            double before = notWaited(key);
            postMpPlain(key, Webhooks.textXml("请回复 #reply", 16_999L))
                    .then()
                    .statusCode(200)
                    .body(equalTo("success"));
            assertEquals(1.0, notWaited(key) - before, "answered without waiting");
        } finally {
            TestInboundHandler.releaseSlow(key);
        }
        for (CompletableFuture<Integer> f : slow) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS));
        }
        senders.shutdown();
        assertTheReplyWentThroughTheOutboxOnce(key);
    }

    @Test
    void shouldAnswerAtOnceWhenTheBacklogIsInTheDatabaseAndThisInstancesQueueIsShort() throws Exception {
        String key = Webhooks.mpChannel(false);
        var channel = channels.find(key).orElseThrow().info();
        int backlog = webhook.inlineMaxQueued();
        try {
            // a backlog stored pending (as a loaded instance, this one or another, stores what it does
            // not claim on arrival), in one statement so that one claim finds all of it: the poller
            // claims it and the workers hold it, while this instance's queue stays below the limit.
            // A handler entered for one of them means the poller's claim has been counted (it is, before
            // any of the claimed messages is handed to a worker).
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("insert into inbox_message (channel_key,"
                            + " channel_type, dedupe_key, kind, sender_id, account_id, text, received_at, raw,"
                            + " status, attempts, next_attempt_at) select ?, ?, 'id:' || n, 'text',"
                            + " 'oia2Tju_tester', 'gh_7f083739789a', '慢 #slow ' || n, now(), '<xml/>',"
                            + " 'pending', 0, now() from generate_series(16100, 16099 + ?) n")) {
                ps.setString(1, key);
                ps.setString(2, channel.type().wire());
                ps.setInt(3, backlog);
                assertEquals(backlog, ps.executeUpdate());
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<Map<String, Object>> rows = inbox(key);
                return rows.stream().allMatch(m -> "processing".equals(m.get("status")))
                        && rows.stream()
                                .anyMatch(m -> TestInboundHandler.calls(((Number) m.get("id")).longValue()) > 0);
            });
            assertTrue(
                    processor.queued() < webhook.inlineMaxQueued(),
                    "the queue alone would let the webhook wait: " + processor.queued());

            postMpPlain(key, Webhooks.textXml("请回复 #reply", 16_199L))
                    .then()
                    .statusCode(200)
                    .body(equalTo("success"));
            assertEquals(1.0, notWaited(key), "answered without waiting");
        } finally {
            TestInboundHandler.releaseSlow(key);
        }
        assertTheReplyWentThroughTheOutboxOnce(key);
    }

    private double notWaited(String key) {
        return registry.counter("tongxin.webhook.not-waited", "channel", key).count();
    }

    private static void assertTheReplyWentThroughTheOutboxOnce(String key) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> inbox(key).stream().allMatch(m -> "processed".equals(m.get("status"))));
        Map<String, Object> row = inbox(key).stream()
                .filter(m -> ((String) m.get("text")).contains("#reply"))
                .findFirst()
                .orElseThrow();
        assertEquals("outbox", row.get("replyDelivery"), "the reply went through the outbox");
        assertEquals(1, ((Number) row.get("attempts")).intValue());
        admin().queryParam("origin", "inbox:" + row.get("id"))
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].target", equalTo("user:oia2Tju_tester"));
    }
}
