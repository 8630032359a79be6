package io.tongxin.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** An invited member's answer: not yet (pending), attending, or on leave (请假) with a reason. */
public enum Rsvp {
    PENDING("pending"),
    ATTENDING("attending"),
    LEAVE("leave");

    private final String wire;

    Rsvp(String wire) {
        this.wire = wire;
    }

    /** The lowercase name used in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value for its wire name; an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static Rsvp fromWire(String s) {
        return Arrays.stream(values())
                .filter(v -> v.wire.equalsIgnoreCase(s == null ? "" : s.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Rsvp '" + s + "'"));
    }

    /** Stores the wire name. */
    public static class DbConverter implements AttributeConverter<Rsvp, String> {
        @Override
        public String convertToDatabaseColumn(Rsvp v) {
            return v == null ? null : v.wire();
        }

        @Override
        public Rsvp convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
