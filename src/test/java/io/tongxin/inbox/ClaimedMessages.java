package io.tongxin.inbox;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tongxin.channel.MediaRef;
import io.tongxin.support.Api;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * For tests outside this package: bridge messages stored as a poll's claim leaves them, and
 * {@link InboxBatches#processTogether} on them as a worker thread runs one of the poller's groups
 * (the suite's test profile processes one message per transaction, so batches are driven directly).
 */
public final class ClaimedMessages {

    private ClaimedMessages() {}

    /**
     * A signed bridge text message of {@code senderId} in {@code chatId} (null: a direct chat), stored
     * and claimed under {@code token}, not yet handled; answers its inbox id.
     */
    public static long claimed(
            String channel, String token, String chatId, String senderId, String senderName, String text) {
        return claimed(channel, token, chatId, senderId, senderName, "text", text, null);
    }

    /** As {@link #claimed}, a location the sender shared (stored as the media room stores references). */
    public static long claimedLocation(String channel, String token, String chatId, String senderId, String label) {
        String media = MediaRef.toJson(List.of(MediaRef.location(22.54, 114.05, 15, label)));
        return claimed(channel, token, chatId, senderId, null, "location", label, media);
    }

    private static long claimed(
            String channel,
            String token,
            String chatId,
            String senderId,
            String senderName,
            String kind,
            String text,
            String media) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "insert into inbox_message"
                                                + " (channel_key, channel_type, dedupe_key, kind, chat_id, sender_id, sender_name, text,"
                                                + " mentions_bot, sender_verified, received_at, raw, status, attempts, next_attempt_at,"
                                                + " claim_token, locked_until, media)"
                                                + " values (?1, 'bridge', ?2, ?9, ?3, ?4, ?5, ?6, ?7, true, now(), '{}',"
                                                + " 'processing', 1, now(), ?8, now() + interval '5 minutes', ?10) returning id")
                                .setParameter(1, channel)
                                .setParameter(2, Api.uniq("d"))
                                .setParameter(3, chatId)
                                .setParameter(4, senderId)
                                .setParameter(5, senderName)
                                .setParameter(6, text)
                                .setParameter(7, chatId != null)
                                .setParameter(8, token)
                                .setParameter(9, kind)
                                .setParameter(10, media)
                                .getSingleResult())
                        .longValue());
    }

    /**
     * Processes the claimed messages {@code ids} as one of the poller's groups, on a thread named as
     * the inbox worker threads are (whose statements {@code StatementLog} records); returns when done.
     */
    public static void processTogether(List<Long> ids, String token) throws InterruptedException {
        InboxBatches batches = Arc.container().instance(InboxBatches.class).get();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        batches.processTogether(ids, token);
                    } catch (RuntimeException | Error e) {
                        failed.set(e);
                    }
                },
                "inbox-worker-test-batch");
        worker.start();
        worker.join(60_000);
        if (worker.isAlive()) {
            throw new AssertionError("the batch did not finish within a minute");
        }
        if (failed.get() != null) {
            throw new AssertionError("the batch failed", failed.get());
        }
    }
}
