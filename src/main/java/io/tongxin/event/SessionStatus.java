package io.tongxin.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** A session is scheduled or cancelled (rescheduling moves it and keeps it scheduled). */
public enum SessionStatus {
    SCHEDULED("scheduled"),
    CANCELLED("cancelled");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    /** The lowercase name used in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value for its wire name; an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static SessionStatus fromWire(String s) {
        return Arrays.stream(values())
                .filter(v -> v.wire.equalsIgnoreCase(s == null ? "" : s.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown SessionStatus '" + s + "'"));
    }

    /** Stores the wire name. */
    public static class DbConverter implements AttributeConverter<SessionStatus, String> {
        @Override
        public String convertToDatabaseColumn(SessionStatus v) {
            return v == null ? null : v.wire();
        }

        @Override
        public SessionStatus convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
