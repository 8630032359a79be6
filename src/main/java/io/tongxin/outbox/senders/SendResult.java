package io.tongxin.outbox.senders;

/**
 * What a platform said to one request.
 *
 * @param outcome whether it was delivered, and if not whether trying again can help
 * @param code the platform's error code ({@code errcode}), {@code http-503}, {@code timeout}, {@code io}...
 * @param detail the platform's answer or error message, secrets masked, at most 1000 characters
 */
public record SendResult(Outcome outcome, String code, String detail) {

    public enum Outcome {
        /** Delivered. */
        SENT,
        /** Not delivered; may work later (network, server error, platform busy). Counts toward dead-lettering. */
        TEMPORARY,
        /** The platform asked us to slow down (45009, 45033...): retry after a pause, not a failure. */
        THROTTLED,
        /** Will never work as it is (invalid robot key, invalid credentials, unknown recipient): dead. */
        PERMANENT
    }

    public SendResult {
        if (detail != null && detail.length() > 1000) {
            detail = detail.substring(0, 1000);
        }
    }

    public static SendResult sent(String answer) {
        return new SendResult(Outcome.SENT, null, answer);
    }

    public static SendResult temporary(String code, String detail) {
        return new SendResult(Outcome.TEMPORARY, code, detail);
    }

    public static SendResult throttled(String code, String detail) {
        return new SendResult(Outcome.THROTTLED, code, detail);
    }

    public static SendResult permanent(String code, String detail) {
        return new SendResult(Outcome.PERMANENT, code, detail);
    }

    public boolean isSent() {
        return outcome == Outcome.SENT;
    }
}
