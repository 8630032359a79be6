package io.tongxin.opinion;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * The upward pipeline (上报 reported, then 采纳 adopted), independent of the lifecycle; an opinion not
 * reported upward has none. The wire and database form is the lowercase name.
 */
public enum Upward {
    REPORTED,
    ADOPTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but a lowercase name */
    public static Upward fromWire(String s) {
        for (Upward v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException(s);
    }

    @Converter
    public static class DbConverter implements AttributeConverter<Upward, String> {
        @Override
        public String convertToDatabaseColumn(Upward v) {
            return v == null ? null : v.wire();
        }

        @Override
        public Upward convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
