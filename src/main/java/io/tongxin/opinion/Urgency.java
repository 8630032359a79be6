package io.tongxin.opinion;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * How soon an opinion must be acknowledged: an urgent one gets the short window
 * ({@code tongxin.opinion.ack-urgent}). The wire and database
 * form is the lowercase name.
 */
public enum Urgency {
    NORMAL,
    URGENT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but a lowercase name */
    public static Urgency fromWire(String s) {
        for (Urgency v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException(s);
    }

    @Converter
    public static class DbConverter implements AttributeConverter<Urgency, String> {
        @Override
        public String convertToDatabaseColumn(Urgency v) {
            return v == null ? null : v.wire();
        }

        @Override
        public Urgency convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
