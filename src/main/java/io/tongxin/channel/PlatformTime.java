package io.tongxin.channel;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A time a platform put into a message body. Anything before 1970 or after 9999 is not a time a
 * platform sends, and the database could not hold all of it: such a message is malformed (400).
 */
public final class PlatformTime {

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private PlatformTime() {}

    /** Epoch seconds as an instant; 400 naming {@code field} when out of range. */
    public static Instant ofEpochSecond(long seconds, String field) {
        try {
            return check(Instant.ofEpochSecond(seconds), field);
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange(field);
        }
    }

    /** Epoch milliseconds as an instant; 400 naming {@code field} when out of range. */
    public static Instant ofEpochMilli(long millis, String field) {
        try {
            return check(Instant.ofEpochMilli(millis), field);
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange(field);
        }
    }

    /** The instant itself, or 400 naming {@code field} when out of range; null stays null. */
    public static Instant check(Instant t, String field) {
        if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
            throw outOfRange(field);
        }
        return t;
    }

    private static WebhookRejection outOfRange(String field) {
        return WebhookRejection.malformed(field + " is out of range (1970 to 9999)");
    }
}
