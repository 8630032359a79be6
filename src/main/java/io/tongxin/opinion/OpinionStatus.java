package io.tongxin.opinion;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Lifecycle states; the wire and database form is the lowercase name ({@code in_progress}). */
public enum OpinionStatus {
    RECEIVED,
    ASSIGNED,
    ACKNOWLEDGED,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    REJECTED,
    MERGED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Still someone's work: counts toward the assignee's open load. */
    public boolean open() {
        return this == ASSIGNED || this == ACKNOWLEDGED || this == IN_PROGRESS;
    }

    public static OpinionStatus fromWire(String s) {
        for (OpinionStatus v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException(s);
    }

    @Converter
    public static class DbConverter implements AttributeConverter<OpinionStatus, String> {
        @Override
        public String convertToDatabaseColumn(OpinionStatus s) {
            return s == null ? null : s.wire();
        }

        @Override
        public OpinionStatus convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
