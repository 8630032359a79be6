package io.tongxin.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** A registration holds a place (registered), waits for one (waitlisted) or was given up (cancelled). */
public enum RegistrationStatus {
    REGISTERED("registered"),
    WAITLISTED("waitlisted"),
    CANCELLED("cancelled");

    private final String wire;

    RegistrationStatus(String wire) {
        this.wire = wire;
    }

    /** The lowercase name used in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The value for its wire name; an unknown name is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static RegistrationStatus fromWire(String s) {
        return Arrays.stream(values())
                .filter(v -> v.wire.equalsIgnoreCase(s == null ? "" : s.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown RegistrationStatus '" + s + "'"));
    }

    /** Stores the wire name. */
    public static class DbConverter implements AttributeConverter<RegistrationStatus, String> {
        @Override
        public String convertToDatabaseColumn(RegistrationStatus v) {
            return v == null ? null : v.wire();
        }

        @Override
        public RegistrationStatus convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
