package io.tongxin.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** An event's life: draft -> published -> finished (after its last session), or cancelled. */
public enum EventStatus {
    DRAFT("draft"),
    PUBLISHED("published"),
    FINISHED("finished"),
    CANCELLED("cancelled");

    private final String wire;

    EventStatus(String wire) {
        this.wire = wire;
    }

    /** The lowercase name used in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value for its wire name; an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static EventStatus fromWire(String s) {
        return Arrays.stream(values())
                .filter(v -> v.wire.equalsIgnoreCase(s == null ? "" : s.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown EventStatus '" + s + "'"));
    }

    /** Stores the wire name. */
    public static class DbConverter implements AttributeConverter<EventStatus, String> {
        @Override
        public String convertToDatabaseColumn(EventStatus v) {
            return v == null ? null : v.wire();
        }

        @Override
        public EventStatus convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
