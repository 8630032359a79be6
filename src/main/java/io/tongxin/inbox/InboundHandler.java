package io.tongxin.inbox;

import java.util.Optional;

/**
 * Reacts to accepted inbound messages (the chatbot implements it). Implementations are CDI beans
 * ({@code @ApplicationScoped}); every handler is called for every message, in a transaction that
 * also marks the message processed, so the handler's own writes (conversation state, outbox rows)
 * commit together with it or not at all.
 *
 * <p>Return a reply to answer the sender: when the handler finishes within
 * {@code tongxin.webhook.reply-budget} it goes back as the platform's passive reply (encrypted
 * where the channel is); the first non-empty reply wins. Later replies are only recorded on the inbox
 * row, so a handler that may be slow should send through the outbox instead. Throwing marks the
 * attempt failed: it is retried from the stored copy with exponential backoff and parked as
 * {@code failed} after {@code tongxin.inbox.max-attempts}. Handlers must be idempotent per
 * {@link InboundMessage#inboxId()}: after a crash an attempt may run again.
 */
public interface InboundHandler {

    Optional<String> handle(InboundMessage message) throws Exception;

    /**
     * Called once before several claimed messages are handled one after another in one transaction
     * (the poller's batches), with all of them in order: a handler may read what it will look up for
     * each, for all at once, and keep what it found missing as the transaction's
     * {@link io.tongxin.shared.KnownAbsent} (issue 16: one statement per kind of lookup for the batch
     * instead of one per message). It must not write, and {@link #handle} must give the same answers
     * with or without it. Default: nothing.
     */
    default void prepare(java.util.List<InboundMessage> batch) {}

    /**
     * Whether this handler would act on the message at all, asked before the message is stored (its
     * {@code inboxId} is still 0 and {@code attempt} 0). It must be cheap and must not touch the
     * database. A message that no handler wants (most group chatter does not address the bot) is
     * stored as processed by the statement that accepts it, with no processing round trip.
     */
    default boolean wants(InboundMessage message) {
        return true;
    }

    /**
     * Whether the message is a command for this handler (e.g. {@code 报名 <event>}), which handlers
     * that take free text (the report intake files any text addressed to the bot as a concern) must
     * then leave alone: see {@link InboundCommands#claimed}. Cheap, no database; default: no.
     */
    default boolean claims(InboundMessage message) {
        return false;
    }

    /**
     * Whether this handler keeps one sender's messages in order (the bot: a turn answers the question
     * the previous one asked) and so defers a message whose sender has an earlier one unfinished. Such
     * messages of one sender then run one after the other on this instance ({@link SenderLanes}), so
     * the deferral (a rolled-back attempt) only happens across instances. Asked only of a handler that
     * {@link #wants} the message, right after it said so, before the message is stored: cheap, no
     * database. Default: no.
     */
    default boolean ordered(InboundMessage message) {
        return false;
    }
}
