package io.tongxin.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long text into parts of at most {@code maxBytes} UTF-8 bytes, in order, preferring to
 * cut after a line break, then after a sentence end (。！？!?；;), then after a comma or space, and
 * only as a last resort inside a word (never inside a character). The parts joined give the text
 * back exactly. Deterministic, so a retry computes the same parts and can skip those already sent.
 */
public final class TextSplitter {

    private static final String SENTENCE_ENDS = "。！？!?；;…";
    private static final String SOFT_BREAKS = "，,、 \t";

    private TextSplitter() {}

    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes must be at least 4");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (utf8Length(text, start, text.length()) > maxBytes) {
            int fit = fitEnd(text, start, maxBytes);
            int cut = lastBreak(text, start, fit);
            parts.add(text.substring(start, cut));
            start = cut;
        }
        if (start < text.length() || parts.isEmpty()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** Where to cut within {@code [start, fit]}: the best boundary, preferring one in the window's second half. */
    private static int lastBreak(String text, int start, int fit) {
        int half = start + (fit - start) / 2;
        for (String breaks : new String[] {"\n", SENTENCE_ENDS, SOFT_BREAKS}) {
            int at = lastAfter(text, breaks, half, fit);
            if (at > start) {
                return at;
            }
        }
        for (String breaks : new String[] {"\n", SENTENCE_ENDS}) {
            int at = lastAfter(text, breaks, start, fit);
            if (at > start) {
                return at;
            }
        }
        return fit;
    }

    /** The position just after the last character of {@code breaks} in {@code [from, to)}, or -1. */
    private static int lastAfter(String text, String breaks, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (breaks.indexOf(text.charAt(i)) >= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The largest end such that {@code text[start, end)} fits in maxBytes, on a code point boundary. */
    private static int fitEnd(String text, int start, int maxBytes) {
        int bytes = 0;
        int i = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = utf8Length(cp);
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return i;
    }

    static int utf8Length(String s, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** UTF-8 byte length of a whole string. */
    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
