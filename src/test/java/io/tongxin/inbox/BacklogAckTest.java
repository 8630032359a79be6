package io.tongxin.inbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.inbox;
import static io.tongxin.support.Webhooks.postMpPlain;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, goal 1: when processing is behind (every worker busy and {@code inline-max-queued}
 * messages already waiting for one), the webhook does not wait for the reply: it answers at once,
 * counts it in {@code tongxin.webhook.not-waited}, and the reply goes through the outbox, exactly once.
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

            // a message whose handler would answer at once is acknowledged without its reply
            postMpPlain(key, Webhooks.textXml("请回复 #reply", 16_999L))
                    .then()
                    .statusCode(200)
                    .body(equalTo("success"));
            assertEquals(
                    1.0,
                    registry.counter("tongxin.webhook.not-waited", "channel", key)
                            .count(),
                    "answered without waiting");
        } finally {
            TestInboundHandler.releaseSlow(key);
        }
        for (CompletableFuture<Integer> f : slow) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS));
        }
        senders.shutdown();
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
