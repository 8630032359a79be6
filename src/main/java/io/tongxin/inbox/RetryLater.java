package io.tongxin.inbox;

import java.time.Duration;

/**
 * Thrown by a handler that cannot handle the message yet (an earlier message of the same sender is
 * still being processed): the attempt is given back and the message is tried again after
 * {@code after}, without counting as a failed attempt. Nothing the attempt wrote is kept.
 */
public class RetryLater extends RuntimeException {

    private final Duration after;

    public RetryLater(Duration after, String reason) {
        super(reason, null, false, false);
        this.after = after;
    }

    public Duration after() {
        return after;
    }
}
