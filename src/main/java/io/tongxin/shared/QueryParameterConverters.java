package io.tongxin.shared;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * Strict conversion of numeric and boolean query parameters. JAX-RS answers a query value it cannot
 * convert with 404 (and {@code Boolean} takes any word for false); here {@code ?size=abc},
 * {@code ?page=99999999999} and {@code ?overdue=maybe} are a 400 problem naming the parameter.
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParamName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>)
                    new Strict<>(name, v -> (int) parse(name, v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Strict<>(name, v -> parse(name, v, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw ProblemException.invalidField(name, "must be true or false");
            });
        }
        return null;
    }

    private static String queryParamName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private static long parse(String name, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
        if (v < min || v > max) {
            throw ProblemException.invalidField(name, "is out of range");
        }
        return v;
    }

    private record Strict<T>(String name, java.util.function.Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            return value == null ? null : parse.apply(value);
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
