package io.tongxin.shared;

import io.tongxin.support.Hostile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;

/**
 * What {@link ApiInputPropertyTest} draws into each kind of field (jqwik's generators through
 * {@link Hostile}, so the fixed seed draws the same values), and which values the service must refuse
 * whatever else it allows. Blank is judged here by its own definition (Unicode white space and
 * invisible characters), independently of the service's {@code BlankText}.
 */
final class ApiInputValues {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern CHANNEL_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** Values that look empty to a reader: Unicode white space and invisible characters only. */
    static final List<String> UNICODE_BLANKS = List.of(
            "\u3000",
            "\u3000\u3000",
            " \u3000 ",
            "\u00a0",
            "\u2007",
            "\u202f",
            "\u2003\u2002",
            "\u2028",
            "\u200b",
            "\ufeff",
            "\u2060",
            "\t\u3000\n");

    private static final List<String> BAD_CODES =
            List.of("a b", " ab", "ab ", "a\tb", "a\u0000b", "a😀b", "代码", "a/b", "-ab", "a\u3000b", "\u3000ab");

    enum Kind {
        /** A natural key: letters, digits, '.', '-', '_', starting with a letter or digit. */
        CODE,
        /** A channel key: lower case letters, digits, '-', '_'. */
        KEY,
        TEXT,
        REQUIRED_TEXT,
        /** One of {@link Field#allowed()}. */
        ENUM,
        INSTANT,
        /** A calendar date (ISO-8601). */
        DATE,
        /** A time of day (ISO-8601). */
        TIME,
        /** A list of ISO-8601 durations (reminder offsets). */
        DURATIONS,
        /** One ISO-8601 duration, more than zero and at most {@link Field#max()} days. */
        DURATION,
        /** A whole number from {@link Field#min()} to {@link Field#max()}. */
        INTEGER,
        /** A session number or code. */
        SESSION
    }

    /**
     * A field of a request body: its path in the body ({@code categories[0].keywords[0]}), its kind,
     * its bounds (length, range or days), the values an enum takes, and other fields whose cross-field
     * rule a value of this one may break, which the refusal may name instead.
     */
    record Field(String name, Kind kind, long min, long max, List<String> allowed, List<String> alsoNamed) {

        Field or(String... others) {
            return new Field(name, kind, min, max, allowed, List.of(others));
        }
    }

    static Field code(String name, int max) {
        return new Field(name, Kind.CODE, 0, max, List.of(), List.of());
    }

    static Field key(String name, int max) {
        return new Field(name, Kind.KEY, 0, max, List.of(), List.of());
    }

    static Field text(String name, int max) {
        return new Field(name, Kind.TEXT, 0, max, List.of(), List.of());
    }

    static Field required(String name, int max) {
        return new Field(name, Kind.REQUIRED_TEXT, 0, max, List.of(), List.of());
    }

    static Field oneOf(String name, String... values) {
        return new Field(name, Kind.ENUM, 0, 0, List.of(values), List.of());
    }

    static Field instant(String name) {
        return new Field(name, Kind.INSTANT, 0, 0, List.of(), List.of());
    }

    static Field date(String name) {
        return new Field(name, Kind.DATE, 0, 0, List.of(), List.of());
    }

    static Field time(String name) {
        return new Field(name, Kind.TIME, 0, 0, List.of(), List.of());
    }

    static Field durations(String name) {
        return new Field(name, Kind.DURATIONS, 0, 0, List.of(), List.of());
    }

    static Field duration(String name, int maxDays) {
        return new Field(name, Kind.DURATION, 0, maxDays, List.of(), List.of());
    }

    static Field integer(String name, long min, long max) {
        return new Field(name, Kind.INTEGER, min, max, List.of(), List.of());
    }

    static Field session(String name) {
        return new Field(name, Kind.SESSION, 0, 0, List.of(), List.of());
    }

    private final Hostile h;

    ApiInputValues(Hostile h) {
        this.h = h;
    }

    // --- drawing ---

    Object draw(Field f) {
        return switch (f.kind()) {
            case INSTANT -> h.chance(20) ? h.draw(Arbitraries.longs()) : h.chance(40) ? edgeDate() : dateText();
            case DATE -> h.chance(10) ? h.draw(Arbitraries.longs()) : h.chance(50) ? edgeDate() : h.text(20);
            case TIME ->
                h.chance(50)
                        ? h.pick(List.of(
                                "09:00", "23:59:59.999999999", "24:00", "25:00", "9:00", "09:60", "-01:00", "00:00"))
                        : h.text(20);
            case DURATIONS ->
                h.chance(20) ? h.text(20) : new ArrayList<>(List.of(h.chance(70) ? durationText() : h.text(30)));
            case DURATION -> h.chance(20) ? number() : h.chance(70) ? durationText() : h.text(30);
            case INTEGER, SESSION -> h.chance(75) ? number() : h.text(20);
            case ENUM -> {
                if (h.chance(25)) {
                    yield h.pick(f.allowed());
                }
                if (h.chance(20)) {
                    String v = h.pick(f.allowed());
                    yield h.pick(List.of(v.toUpperCase(), " " + v, v + "\u3000", v + "\u0000"));
                }
                yield string(f);
            }
            default -> string(f);
        };
    }

    private String string(Field f) {
        if (h.chance(15)) {
            return h.pick(UNICODE_BLANKS);
        }
        if (h.chance(15) && f.max() > 0) {
            // over-long by one, or far over
            return "x".repeat((int) f.max() + (h.chance(50) ? 1 : 10_000));
        }
        if (h.chance(15) && (f.kind() == Kind.CODE || f.kind() == Kind.KEY)) {
            return h.pick(BAD_CODES);
        }
        return h.text(80);
    }

    String dateText() {
        return h.chance(30) ? edgeDate() : h.text(30);
    }

    private String edgeDate() {
        return h.pick(List.of(
                "2026-02-30",
                "2026-13-01",
                "2026-01-01T25:00:00Z",
                "+999999999-12-31T23:59:59Z",
                "-999999999-01-01T00:00:00Z",
                "9999-12-31",
                "0000-01-01",
                "2026-05-01T00:00:00",
                "2026-05-01T00:00:00+08:00",
                "1714521600",
                "2026-05-01T00:00:00Z",
                "2026-05-01"));
    }

    private String durationText() {
        return h.pick(List.of(
                "P1D",
                "PT2H",
                "PT-1H",
                "PT0S",
                "P99999999D",
                "PT9223372036854775807S",
                "P106751991167300D",
                "2 hours",
                "",
                "P",
                "PT",
                "1h",
                "\u3000"));
    }

    /** A number as JSON carries it: an int, a long, past a long, a fraction, or an edge. */
    private Object number() {
        return switch (h.between(0, 4)) {
            case 0 -> h.draw(Arbitraries.integers());
            case 1 -> h.draw(Arbitraries.longs());
            case 2 ->
                new BigInteger(h.pick(List.of("9223372036854775808", "-9223372036854775809", "1" + "0".repeat(40))));
            case 3 -> new BigDecimal(h.pick(List.of("1.5", "-0.5", "1e30", "1e-30", "2.0")));
            default -> h.pick(List.of(-1, 0, 1, 2, 120, 121, 1000, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE));
        };
    }

    // --- the rules ---

    /** Values the service must refuse whatever else it allows. */
    static boolean mustRefuse(Field f, Object value) {
        if (value instanceof String s && ControlCharacters.containsRefused(s)) {
            return true;
        }
        if (value instanceof String s
                && s.trim().isEmpty()
                && (f.kind() == Kind.INSTANT
                        || f.kind() == Kind.DATE
                        || f.kind() == Kind.TIME
                        || f.kind() == Kind.DURATION)) {
            return false; // Jackson reads an empty date or duration as absent (null): either answer
        }
        return switch (f.kind()) {
            case CODE -> value instanceof String s && (!CODE.matcher(s).matches() || s.length() > f.max());
            case KEY -> value instanceof String s && (!CHANNEL_KEY.matcher(s).matches() || s.length() > f.max());
            case REQUIRED_TEXT ->
                value instanceof String s && (blank(s) || s.strip().length() > f.max());
            case TEXT -> value instanceof String s && s.strip().length() > f.max();
            case ENUM ->
                value instanceof String s
                        && !f.allowed().contains(s.strip())
                        && !f.allowed().contains(s.strip().toLowerCase(java.util.Locale.ROOT));
            case INSTANT ->
                // Jackson reads a string of digits as epoch seconds, as it reads a number: either answer
                value instanceof String s
                        && !parses(() -> Instant.parse(s))
                        && !s.trim().matches("-?[0-9]+(\\.[0-9]+)?");
            case DATE ->
                // Jackson also takes a date-time (and reads its date) and a number (an epoch day): either
                value instanceof String s
                        && !parses(() -> LocalDate.parse(s.trim()))
                        && !parses(() -> LocalDateTime.parse(s.trim()))
                        && !parses(() -> Instant.parse(s.trim()))
                        && !s.trim().matches("-?[0-9]+");
            case TIME -> value instanceof String s && !parses(() -> LocalTime.parse(s.trim()));
            case DURATIONS ->
                !(value instanceof List<?> l)
                        || l.stream().anyMatch(x -> !(x instanceof String d) || !positive(d, Duration.ofDays(90)));
            case DURATION ->
                value instanceof String s
                        ? !s.strip().matches("-?[0-9.]+") && !positive(s, Duration.ofDays(f.max()))
                        : value instanceof Number n && outside(n, 1, f.max() * 86_400);
            case INTEGER -> value instanceof Number n && outside(n, f.min(), f.max());
            case SESSION -> false;
        };
    }

    /** Blank to a reader, by this test's own definition. */
    static boolean blank(String s) {
        return s.codePoints()
                .allMatch(c -> Character.isWhitespace(c)
                        || Character.getType(c) == Character.SPACE_SEPARATOR
                        || Character.getType(c) == Character.LINE_SEPARATOR
                        || c == 0x200b
                        || c == 0x2060
                        || c == 0xfeff);
    }

    private static boolean positive(String d, Duration max) {
        try {
            Duration v = Duration.parse(d.strip());
            return !v.isNegative() && !v.isZero() && v.compareTo(max) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether a whole number lies outside min..max; a fraction is left to the service (either answer). */
    private static boolean outside(Number n, long min, long max) {
        BigDecimal v = new BigDecimal(n.toString());
        if (v.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0;
    }

    static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A value as a failure message shows it: control characters and surrogates escaped, long ones cut. */
    static String show(Object v) {
        String s = String.valueOf(v);
        s = s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + " chars)" : s;
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20
                    || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0xd800 && c <= 0xdfff)
                    || (c != ' ' && blank(Character.toString(c)))) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
