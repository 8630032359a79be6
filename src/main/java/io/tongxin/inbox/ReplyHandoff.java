package io.tongxin.inbox;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, exactly once, whether a handler's reply goes back in the webhook's answer or through the
 * outbox. The webhook waits for processing up to the reply budget.
 * <ul>
 * <li>Processing with a reply claims the inline answer just before it commits
 * ({@link #claimInline}); if the webhook already stopped waiting ({@link #abandon}), the reply is
 * queued in the outbox in the same transaction instead.</li>
 * <li>After its commit, processing confirms ({@link #committed}); if the webhook gave up in between
 * ({@link #giveUp}, its grace for the commit ran out), processing sends the reply through the outbox
 * in a follow-up transaction.</li>
 * </ul>
 * Every pair of competing calls is one compare-and-set: a reply is never both answered and sent, and
 * never dropped while both sides are alive. Across a crash the database decides: the reply is committed
 * as {@code inline-pending} with a row in {@code inbox_reply_pending}, and whoever deletes that row
 * (the webhook before it answers, the late send, or the inbox poller's sweep) owns it
 * ({@link InboxWork#confirmInline}, {@link InboxWork#sweepPendingReplies}).
 */
final class ReplyHandoff {

    private static final int WAITING = 0;
    private static final int INLINE = 1;
    private static final int COMMITTED = 2;
    private static final int ABANDONED = 3;
    private static final int GAVE_UP = 4;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private volatile String reply;

    /** Processing has a reply, before its commit: true if the webhook is still waiting for it. */
    boolean claimInline(String reply) {
        this.reply = reply;
        return state.compareAndSet(WAITING, INLINE);
    }

    /** Processing committed a reply it claimed: true if the webhook answers with it, false if it gave up. */
    boolean committed() {
        return state.compareAndSet(INLINE, COMMITTED);
    }

    /** The budget ran out before any claim: true if the webhook may answer without a reply. */
    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED);
    }

    /** The webhook stops waiting for a claimed reply's commit: true if processing will send it instead. */
    boolean giveUp() {
        return state.compareAndSet(INLINE, GAVE_UP);
    }

    /** The reply, once {@link #committed} succeeded. */
    String reply() {
        return state.get() == COMMITTED ? reply : null;
    }
}
