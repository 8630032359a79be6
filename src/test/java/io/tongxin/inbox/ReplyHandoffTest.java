package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The webhook/processing decision over a reply: each interleaving ends with exactly one delivery. */
class ReplyHandoffTest {

    @Test
    void shouldAnswerInlineWhenTheReplyCommitsWhileTheWebhookWaits() {
        ReplyHandoff h = new ReplyHandoff();
        assertTrue(h.claimInline("已收到"));
        assertTrue(h.committed(), "the webhook answers with it");
        assertFalse(h.giveUp(), "too late to give up: it is committed");
        assertFalse(h.abandon());
        assertEquals("已收到", h.reply());
    }

    @Test
    void shouldSendThroughTheOutboxWhenTheBudgetRanOutFirst() {
        ReplyHandoff h = new ReplyHandoff();
        assertTrue(h.abandon());
        assertFalse(h.claimInline("已收到"), "processing queues it in the outbox in its own transaction");
        assertNull(h.reply());
    }

    @Test
    void shouldSendAfterTheCommitWhenTheWebhookGaveUpOnAClaimedReply() {
        ReplyHandoff h = new ReplyHandoff();
        assertTrue(h.claimInline("已收到"));
        assertFalse(h.abandon(), "claimed: the webhook waits for the commit");
        assertTrue(h.giveUp(), "the grace ran out");
        assertFalse(h.committed(), "processing sends it through the outbox after its commit");
        assertNull(h.reply());
    }

    /** Racing both sides many times: never both (answered and sent), never neither. */
    @Test
    void shouldDeliverExactlyOnceUnderRaces() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2_000; i++) {
                ReplyHandoff h = new ReplyHandoff();
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> processingSends = pool.submit(() -> {
                    start.await();
                    return !(h.claimInline("r") && h.committed()); // true: processing delivers via the outbox
                });
                Future<Boolean> webhookAnswers = pool.submit(() -> {
                    start.await();
                    if (h.abandon()) {
                        return false;
                    }
                    return !h.giveUp(); // true: the webhook answers with the committed reply
                });
                start.countDown();
                boolean sent = processingSends.get();
                boolean answered = webhookAnswers.get();
                assertTrue(sent ^ answered, "run " + i + ": sent=" + sent + " answered=" + answered);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
