package io.tongxin.channel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an inbound message is; voice carries the platform's speech recognition as text. */
public enum MessageKind {
    TEXT,
    IMAGE,
    VOICE,
    LOCATION,
    LINK,
    EVENT,
    OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
