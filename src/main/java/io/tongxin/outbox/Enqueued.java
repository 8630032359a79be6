package io.tongxin.outbox;

/**
 * The outcome of {@link Outbox#enqueue(OutboundMessage)}: the outbox row's id and whether this call
 * created it ({@code false} when a message with the same idempotency key was already there).
 */
public record Enqueued(long id, boolean created) {}
