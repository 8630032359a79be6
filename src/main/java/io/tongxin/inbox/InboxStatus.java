package io.tongxin.inbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an inbox message is: {@code pending} (waiting for a worker), {@code processing} (claimed, under
 * a lease), {@code retrying} (failed, waiting for its backoff), {@code processed}, {@code failed}
 * (parked after the attempt bound; re-drive with {@code POST /api/inbox/{id}/retry}).
 */
public enum InboxStatus {
    PENDING,
    PROCESSING,
    RETRYING,
    PROCESSED,
    FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InboxStatus fromWire(String value) {
        for (InboxStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw io.tongxin.shared.ProblemException.invalidField(
                "status", "must be one of pending, processing, retrying, processed, failed");
    }
}
