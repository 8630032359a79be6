package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Several claimed messages in one transaction (the poller's batches, issue 16): each message gets the
 * outcome it would get alone, a failing one rolls the batch back and then fails alone, and a sender
 * with an earlier message still unfinished elsewhere is kept out of the batch. The suite runs one
 * message per transaction (test profile), so these tests drive {@link InboxBatches#processTogether}
 * directly on messages they claimed themselves.
 */
@QuarkusTest
class InboxBatchTest {

    @Inject
    InboxBatches batches;

    @Inject
    InboxWork work;

    @Inject
    InboxProcessor processor;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldProcessSeveralClaimedMessagesInOneTransactionEachWithItsOwnReply() {
        String channel = Webhooks.bridgeChannel();
        String token = UUID.randomUUID().toString();
        List<Long> ids = List.of(
                claimed(channel, token, "wxid_b1", "一 #reply"),
                claimed(channel, token, "wxid_b2", "二 #reply"),
                claimed(channel, token, "wxid_b3", "三"));
        double together = together();

        batches.processTogether(ids, token);

        assertEquals(together + 1, together(), "one transaction for the three");
        for (long id : ids) {
            assertEquals("processed", column(id, "status"));
            assertEquals(1, TestInboundHandler.calls(id), "each handled once");
            assertEquals("1", column(id, "attempts"));
        }
        assertEquals("outbox", column(ids.get(0), "reply_delivery"));
        assertEquals("outbox", column(ids.get(1), "reply_delivery"));
        assertEquals(null, column(ids.get(2), "reply_delivery"));
        assertEquals(1, outboxRows(ids.get(0)));
        assertEquals(1, outboxRows(ids.get(1)));
        assertEquals(0, outboxRows(ids.get(2)));
    }

    @Test
    void shouldFallBackToOneTransactionPerMessageWhenOneOfThemFails() {
        String channel = Webhooks.bridgeChannel();
        String token = UUID.randomUUID().toString();
        long before = claimed(channel, token, "wxid_f1", "先 #reply");
        long bad = claimed(channel, token, "wxid_f2", "坏 #fail-always");
        long after = claimed(channel, token, "wxid_f3", "后 #reply");

        batches.processTogether(List.of(before, bad, after), token);

        // the others: processed, each reply queued exactly once although the batch ran them before
        for (long id : List.of(before, after)) {
            assertEquals("processed", column(id, "status"));
            assertEquals("outbox", column(id, "reply_delivery"));
            assertEquals(1, outboxRows(id));
        }
        // the bad one: its own failed attempt, retried later, not counted twice
        assertEquals("retrying", column(bad, "status"));
        assertEquals("1", column(bad, "attempts"));
        assertTrue(column(bad, "last_error").contains("simulated failure"), column(bad, "last_error"));
    }

    /**
     * A message that must not wait for its locks inside a batch (the router's member-lock order) is
     * processed alone right away, not deferred; the ones before it and after it still share a
     * transaction each; every message processed once, in one attempt.
     */
    @Test
    void shouldProcessAMessageThatAsksToRunAloneAloneAndTheOthersStillTogether() {
        String channel = Webhooks.bridgeChannel();
        String token = UUID.randomUUID().toString();
        List<Long> ids = List.of(
                claimed(channel, token, "wxid_s1", "一 #reply"),
                claimed(channel, token, "wxid_s2", "二"),
                claimed(channel, token, "wxid_s3", "三 #alone #reply"),
                claimed(channel, token, "wxid_s4", "四 #reply"),
                claimed(channel, token, "wxid_s5", "五"));
        double together = together();

        batches.processTogether(ids, token);

        assertEquals(together + 2, together(), "the two before it together, the two after it together");
        for (long id : ids) {
            assertEquals("processed", column(id, "status"), "message " + id);
            assertEquals("1", column(id, "attempts"), "not deferred, not retried: " + id);
        }
        assertEquals(2, TestInboundHandler.calls(ids.get(0)), "in the batch rolled back, then with the second");
        assertEquals(2, TestInboundHandler.calls(ids.get(2)), "in the batch, then alone");
        assertEquals(1, TestInboundHandler.calls(ids.get(3)), "after it: only with the last one");
        for (long id : List.of(ids.get(0), ids.get(2), ids.get(3))) {
            assertEquals(1, outboxRows(id), "one reply: " + id);
        }
    }

    @Test
    void shouldKeepAMessageOutOfTheBatchWhileItsSendersEarlierOneIsUnfinishedElsewhere() {
        String channel = Webhooks.bridgeChannel();
        String token = UUID.randomUUID().toString();
        // an earlier message of wxid_o1, claimed by someone else (still processing)
        long earlier = claimed(channel, UUID.randomUUID().toString(), "wxid_o1", "更早");
        long later = claimed(channel, token, "wxid_o1", "之后");
        long sameSenderInBatch = claimed(channel, token, "wxid_o2", "甲");
        long next = claimed(channel, token, "wxid_o2", "乙");

        assertEquals(List.of(later), work.waitingForEarlier(List.of(later, sameSenderInBatch, next)));
        assertEquals(List.of(), work.waitingForEarlier(List.of(earlier, later)));
        // nothing is left claimed for the poller to find when the lease runs out
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("delete from inbox_message where id in (?1)")
                        .setParameter(1, List.of(earlier, later, sameSenderInBatch, next))
                        .executeUpdate());
    }

    private double together() {
        var timer = registry.find("tongxin.inbox.processing")
                .tag("outcome", "processed-together")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    /** A message stored and claimed under {@code token} (as the poller's claim leaves it), not yet handled. */
    /**
     * The poller's claims are a pipeline: while one claimed message takes long (here until the test
     * lets it answer), the other worker threads go on claiming and processing everything else due,
     * instead of waiting for the slow one's batch to end before the next claim.
     */
    @Test
    void shouldKeepClaimingAndProcessingWhileOneClaimedMessageIsSlow() throws Exception {
        String channel = Webhooks.bridgeChannel();
        long slow = pending(channel, "wxid_slow", "慢 #slow");
        List<Long> others = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            others.add(pending(channel, "wxid_p" + i, "消息 " + i));
        }
        try {
            // the scheduled poller alone drains them (every second in the test profile)
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until && processed(others) < others.size()) {
                Thread.sleep(100);
            }
            assertEquals(others.size(), processed(others), "everything else processed while the slow one runs");
            assertEquals("processing", column(slow, "status"), "the slow one is still running");
        } finally {
            TestInboundHandler.releaseSlow(channel);
        }
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && !"processed".equals(column(slow, "status"))) {
            Thread.sleep(100);
        }
        assertEquals("processed", column(slow, "status"));
        assertEquals(1, TestInboundHandler.calls(slow), "claimed and handled once");
        for (long id : others) {
            assertEquals(1, TestInboundHandler.calls(id), "each handled once");
        }
    }

    /**
     * The poller's claims and the messages processed on arrival share this instance's lanes: once the
     * poller has claimed a sender's message stored pending here, that sender's next message is claimed
     * on arrival again (before, the poller's claims used the processor's client proxy's own copy of the
     * lanes, so the marker never cleared and the sender's messages all went through the poller).
     */
    @Test
    void shouldClaimASendersNextMessageOnArrivalOnceThePollerClaimedTheirPendingOne() throws Exception {
        String channel = Webhooks.bridgeChannel();
        // not due until the marker is set (else the poller might claim it in between)
        long id = pending(channel, "wxid_lane", "待处理", "now() + interval '1 hour'");
        String lane = InboxProcessor.senderKey(channel, "room-pipeline", "wxid_lane");
        processor.storedPending(lane, id);
        assertTrue(!processor.claimsOnArrival(lane), "the sender's next message follows the pending one");
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update inbox_message set next_attempt_at = now() where id = ?1")
                        .setParameter(1, id)
                        .executeUpdate());
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && !"processed".equals(column(id, "status"))) {
            Thread.sleep(50);
        }
        assertEquals("processed", column(id, "status"), "the scheduled poller claimed and processed it");
        assertTrue(processor.claimsOnArrival(lane), "claimed by the poller: the next one is claimed on arrival");
    }

    private long processed(List<Long> ids) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from inbox_message where status = 'processed' and id in (?1)")
                                .setParameter(1, ids)
                                .getSingleResult())
                        .longValue());
    }

    /** A message stored pending, due now: the poller claims it. */
    private long pending(String channel, String sender, String text) {
        return pending(channel, sender, text, "now()");
    }

    /** A message stored pending, due at {@code due} (an SQL expression). */
    private long pending(String channel, String sender, String text, String due) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("insert into inbox_message"
                                        + " (channel_key, channel_type, dedupe_key, kind, chat_id, sender_id, text, received_at,"
                                        + " raw, status, attempts, next_attempt_at)"
                                        + " values (?1, 'bridge', ?2, 'text', 'room-pipeline', ?3, ?4, now(), '{}', 'pending', 0, "
                                        + due + ") returning id")
                                .setParameter(1, channel)
                                .setParameter(2, Api.uniq("d"))
                                .setParameter(3, sender)
                                .setParameter(4, text)
                                .getSingleResult())
                        .longValue());
    }

    private long claimed(String channel, String token, String sender, String text) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("insert into inbox_message"
                                        + " (channel_key, channel_type, dedupe_key, kind, chat_id, sender_id, text, received_at,"
                                        + " raw, status, attempts, next_attempt_at, claim_token, locked_until)"
                                        + " values (?1, 'bridge', ?2, 'text', 'room-batch', ?3, ?4, now(), '{}', 'processing', 1,"
                                        + " now(), ?5, now() + interval '5 minutes') returning id")
                                .setParameter(1, channel)
                                .setParameter(2, Api.uniq("d"))
                                .setParameter(3, sender)
                                .setParameter(4, text)
                                .setParameter(5, token)
                                .getSingleResult())
                        .longValue());
    }

    private String column(long id, String column) {
        Object v = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select " + column + " from inbox_message where id = ?1")
                        .setParameter(1, id)
                        .getSingleResult());
        return v == null ? null : v.toString();
    }

    private long outboxRows(long inboxId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from outbox_message where origin_type = 'inbox' and origin_id = ?1")
                                .setParameter(1, String.valueOf(inboxId))
                                .getSingleResult())
                        .longValue());
    }
}
