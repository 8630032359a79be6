package io.tongxin.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * The JSON the REST API reads: the application's mapper plus one rule, a string holding a control
 * character other than tab, line feed and carriage return ({@code \u0000}, ESC, ...) is refused with
 * a 400 naming the field; the same for a string read as another scalar (a date, a duration, a
 * number, an enum), which Jackson would otherwise trim ({@code "\u0000"} as {@code opensAt} was read
 * as no date at all) or pass on to a parser. Only request bodies of the API use it; stored JSON read elsewhere and the
 * platforms' payloads (whose text is stripped instead, see {@code InboundDraft}) are unaffected.
 */
@Provider
public class StrictJsonStrings implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    @Inject
    public StrictJsonStrings(ObjectMapper base) {
        this.strict = base.copy()
                .registerModule(new SimpleModule("strict-json-strings")
                        .addDeserializer(String.class, new RefusingControlCharacters())
                        .setDeserializerModifier(new GuardingScalars()));
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }

    /**
     * A JSON string with a refused control character; the path names the field. A mismatched input
     * to Jackson, so the REST layer passes it on unwrapped to its own mapper.
     */
    public static final class ControlCharacterInJson extends MismatchedInputException {
        ControlCharacterInJson(JsonParser p) {
            super(p, "a string contains a control character", String.class);
        }

        /** The JSON path of the string, e.g. {@code identities[0].userId}. */
        public String field() {
            StringBuilder sb = new StringBuilder();
            for (var ref : getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.isEmpty() ? "request" : sb.toString();
        }
    }

    private static final class RefusingControlCharacters extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            if (ControlCharacters.containsRefused(s)) {
                throw new ControlCharacterInJson(p);
            }
            return s;
        }
    }

    /** Wraps the deserializers of dates, durations, numbers, booleans and enums in {@link Guarded}. */
    private static final class GuardingScalars extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> deserializer) {
            Class<?> t = desc.getBeanClass();
            boolean scalar = t.isPrimitive()
                    || Number.class.isAssignableFrom(t)
                    || t == Boolean.class
                    || t.getName().startsWith("java.time.");
            return scalar ? new Guarded(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config, JavaType type, BeanDescription desc, JsonDeserializer<?> deserializer) {
            return new Guarded(deserializer);
        }
    }

    /** A scalar read from a JSON string: the string is refused when it holds a control character. */
    private static final class Guarded extends DelegatingDeserializer {
        Guarded(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Guarded(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING) && ControlCharacters.containsRefused(p.getText())) {
                throw new ControlCharacterInJson(p);
            }
            return super.deserialize(p, ctxt);
        }
    }
}
