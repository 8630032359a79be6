package io.tongxin.opinion;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * How long an opinion may take to resolve: a complex one gets the long window
 * ({@code tongxin.opinion.resolve-complex}). The wire and database
 * form is the lowercase name.
 */
public enum Complexity {
    NORMAL,
    COMPLEX;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but a lowercase name */
    public static Complexity fromWire(String s) {
        for (Complexity v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException(s);
    }

    @Converter
    public static class DbConverter implements AttributeConverter<Complexity, String> {
        @Override
        public String convertToDatabaseColumn(Complexity v) {
            return v == null ? null : v.wire();
        }

        @Override
        public Complexity convertToEntityAttribute(String s) {
            return s == null ? null : fromWire(s);
        }
    }
}
