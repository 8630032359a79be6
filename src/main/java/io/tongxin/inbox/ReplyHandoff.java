package io.tongxin.inbox;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, exactly once, whether a handler's reply goes back in the webhook's answer or through the
 * outbox. The webhook waits for processing up to the reply budget; processing that produced a reply
 * claims the inline answer just before it commits, and a webhook whose budget ran out abandons it.
 * Whichever comes first wins: a reply is never both answered inline and sent, and never lost.
 */
final class ReplyHandoff {

    private static final int WAITING = 0;
    private static final int INLINE = 1;
    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);

    /** Processing has a reply: true if the webhook is still waiting and will answer with it. */
    boolean claimInline() {
        return state.compareAndSet(WAITING, INLINE) || state.get() == INLINE;
    }

    /** The webhook stops waiting: true if it may answer without the reply (processing will send it). */
    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED) || state.get() == ABANDONED;
    }
}
