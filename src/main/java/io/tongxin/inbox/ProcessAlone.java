package io.tongxin.inbox;

import java.time.Duration;

/**
 * Thrown by a handler whose message must not be processed in a batch transaction: it would have to
 * wait for a lock in an order that could deadlock with another transaction (the opinion router's
 * member locks). The batch is rolled back and {@link InboxBatches#processTogether} processes this
 * message in a transaction of its own right away (the messages before and after it still together).
 * Should a transaction of one message throw it, the message is deferred briefly, as {@link RetryLater}.
 */
public class ProcessAlone extends RetryLater {

    private final Long messageId;

    public ProcessAlone(String reason) {
        this(reason, null);
    }

    private ProcessAlone(String reason, Long messageId) {
        super(Duration.ofMillis(200), reason);
        this.messageId = messageId;
    }

    /** The same request, naming the batch's message that made it. */
    ProcessAlone of(long id) {
        return new ProcessAlone(getMessage(), id);
    }

    /** The batch's message to process alone; null until the batch names it. */
    Long messageId() {
        return messageId;
    }
}
