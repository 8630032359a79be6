package io.tongxin.channel;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * One webhook request as an adapter sees it: decoded query parameters, a header lookup, the raw body
 * (already size-checked), the current time and the allowed clock skew in seconds (0 = no check).
 */
public record CallbackRequest(
        Map<String, String> query,
        Function<String, String> header,
        byte[] body,
        Instant now,
        long maxClockSkewSeconds) {

    public String param(String name) {
        return query.get(name);
    }

    /** A required query parameter; missing means the request cannot be authenticated (401). */
    public String requireParam(String name) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            throw WebhookRejection.signature("missing query parameter '" + name + "'");
        }
        return v;
    }

    /**
     * A base64 query value: some proxies and SDKs turn a literal {@code +} into a space while URL
     * decoding; a space is never valid base64, so it is put back.
     */
    public String base64Param(String name) {
        return requireParam(name).replace(' ', '+');
    }

    /** Checks a platform timestamp (epoch seconds) against the clock-skew window: 401 when outside. */
    public void checkTimestamp(String timestamp) {
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw WebhookRejection.signature("the timestamp is missing or not a number");
        }
        if (maxClockSkewSeconds > 0 && !within(now.getEpochSecond(), ts, maxClockSkewSeconds)) {
            throw WebhookRejection.replay("the timestamp is outside the allowed clock skew of " + maxClockSkewSeconds
                    + " s (replayed or delayed request)");
        }
    }

    /** |a - b| <= max without overflow: a distance past the long range is outside any window. */
    static boolean within(long a, long b, long max) {
        try {
            return Math.absExact(Math.subtractExact(a, b)) <= max;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
