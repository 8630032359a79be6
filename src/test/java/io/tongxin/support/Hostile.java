package io.tongxin.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.engine.SourceOfRandomness;

/**
 * Hostile values drawn from jqwik's generators with a fixed seed, so a failing draw is reproducible:
 * strings of any code point (control characters, NUL, emoji, lone surrogates), numbers at and past
 * every edge, bytes, and the shapes probers use.
 */
public final class Hostile {

    /**
     * Seeds jqwik's source of randomness for this thread: outside a jqwik property, generators are
     * sampled ({@link Arbitrary#sample()}) from it, so the same seed draws the same values.
     */
    public Hostile(long seed) {
        SourceOfRandomness.create(Long.toString(seed));
    }

    public <T> T draw(Arbitrary<T> a) {
        return a.sample();
    }

    public int between(int min, int max) {
        return draw(Arbitraries.integers().between(min, max));
    }

    public boolean chance(int percent) {
        return between(1, 100) <= percent;
    }

    public <T> T pick(List<T> values) {
        return values.get(between(0, values.size() - 1));
    }

    /** Values probers send into any text field. */
    public static final List<String> EDGE_TEXT = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\u001b[31mred",
            "line\r\nInjected: header",
            "%00",
            "%zz",
            "%",
            "😀",
            "𠀀𠀁",
            "\ud800",
            "\u202e\u2066",
            "null",
            "../../etc/passwd",
            "' or 1=1 --",
            "<xml>",
            "{\"a\":",
            "${jndi:ldap://127.0.0.1/x}",
            "{#each x}",
            "9".repeat(40),
            "x".repeat(5000));

    /** Numbers probers send into numeric fields (as text). */
    public static final List<String> EDGE_NUMBERS = List.of(
            "-1",
            "0",
            "-0",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "1e9",
            "1.5",
            "NaN",
            "Infinity",
            "0x10",
            " 1",
            "１２");

    /** Any string: any code point, up to {@code max} characters, often an edge value. */
    public String text(int max) {
        if (chance(25)) {
            return pick(EDGE_TEXT);
        }
        if (chance(15)) {
            return pick(EDGE_NUMBERS);
        }
        return draw(Arbitraries.strings().all().ofMaxLength(max));
    }

    /** Any bytes, up to {@code max}. */
    public byte[] bytes(int max) {
        return draw(Arbitraries.bytes().array(byte[].class).ofMaxSize(max));
    }

    /** A sample with a few random byte flips, cuts or insertions (often still almost well-formed). */
    public byte[] mutate(byte[] sample) {
        byte[] b = sample.clone();
        int edits = between(1, 4);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = between(0, b.length - 1);
            switch (between(0, 3)) {
                case 0 -> b[at] = (byte) between(0, 255);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> {
                    byte[] insert = text(20).getBytes(StandardCharsets.UTF_8);
                    byte[] c = new byte[b.length + insert.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(insert, 0, c, at, insert.length);
                    System.arraycopy(b, at, c, at + insert.length, b.length - at);
                    b = c;
                }
                default -> {
                    int to = between(at, b.length);
                    byte[] c = new byte[b.length - (to - at)];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, to, c, at, b.length - to);
                    b = c;
                }
            }
        }
        return b;
    }

    /**
     * A query value as sent on the wire: usually correctly percent-encoded UTF-8, sometimes raw bytes
     * or broken escapes.
     */
    public String wire(String value) {
        if (chance(10)) {
            return pick(List.of("%", "%z", "%zz", "%e4%b8", "%ff%fe", "%00", "+", "%2", "a%20b+c"));
        }
        return encode(value);
    }

    /** Percent-encoded UTF-8, as a well-behaved client sends a query value. */
    public static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** A header value that keeps HTTP framing (no CR or LF): printable ASCII, tabs, UTF-8. */
    public String headerValue() {
        String s = text(200).replaceAll("[\\r\\n]", "");
        return chance(20) ? pick(EDGE_NUMBERS) : s;
    }
}
