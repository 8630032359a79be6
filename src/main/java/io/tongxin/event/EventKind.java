package io.tongxin.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** What an event is: a consultation meeting (协商议事会, 座谈会), a public-welfare class (公益课堂), or an announcement (no sessions, no registrations). */
public enum EventKind {
    MEETING("meeting"),
    CLASS("class"),
    ANNOUNCEMENT("announcement");

    private final String wire;

    EventKind(String wire) {
        this.wire = wire;
    }

    /** The lowercase name used in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value for its wire name; an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static EventKind fromWire(String s) {
        return Arrays.stream(values())
                .filter(v -> v.wire.equalsIgnoreCase(s == null ? "" : s.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown EventKind '" + s + "'"));
    }

    /** Stores the wire name. */
    public static class DbConverter implements AttributeConverter<EventKind, String> {
        @Override
        public String convertToDatabaseColumn(EventKind v) {
            return v == null ? null : v.wire();
        }

        @Override
        public EventKind convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
