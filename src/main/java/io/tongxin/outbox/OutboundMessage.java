package io.tongxin.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to enqueue with {@link Outbox#enqueue(OutboundMessage)}.
 *
 * @param idempotencyKey unique per message (e.g. {@code "opinion:2024-0012:assigned"}); enqueuing the
 *        same key again stores nothing new. At most 200 characters.
 * @param channelKey the channel to send through (its type decides the platform API)
 * @param target whom to send to on that channel
 * @param content what to say
 * @param origin what caused it
 * @param notBefore not sent before this instant (quiet hours, scheduled sends); null = as soon as possible
 * @param priority higher goes first among due messages; 0 is normal
 */
public record OutboundMessage(
        String idempotencyKey,
        String channelKey,
        Target target,
        Content content,
        Origin origin,
        Instant notBefore,
        int priority) {

    public OutboundMessage {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 200 characters");
        }
        if (channelKey == null || channelKey.isBlank()) {
            throw new IllegalArgumentException("channelKey is required");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(origin, "origin");
    }

    /** A message to send as soon as possible with normal priority. */
    public static OutboundMessage of(
            String idempotencyKey, String channelKey, Target target, Content content, Origin origin) {
        return new OutboundMessage(idempotencyKey, channelKey, target, content, origin, null, 0);
    }

    public OutboundMessage notBefore(Instant when) {
        return new OutboundMessage(idempotencyKey, channelKey, target, content, origin, when, priority);
    }

    public OutboundMessage withPriority(int p) {
        return new OutboundMessage(idempotencyKey, channelKey, target, content, origin, notBefore, p);
    }
}
