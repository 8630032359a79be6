package io.tongxin.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting long texts at platform limits on line and sentence boundaries. */
class TextSplitterTest {

    static String tenKilobytes() {
        StringBuilder b = new StringBuilder();
        int n = 0;
        while (b.toString().getBytes(StandardCharsets.UTF_8).length < 10 * 1024) {
            b.append("第").append(++n).append("条：社区协商议事会讨论了小区停车难的问题。居民代表提出三点建议！");
            if (n % 4 == 0) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void shouldSplitTenKilobytesIntoOrderedPartsWithinTheLimitOnBoundaries() {
        String text = tenKilobytes();
        List<String> parts = TextSplitter.split(text, 2048);
        assertTrue(parts.size() >= 5, "10 KB needs at least 5 parts of 2 KB: " + parts.size());
        assertEquals(text, String.join("", parts), "parts join back to the text, in order");
        for (String p : parts.subList(0, parts.size() - 1)) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 2048);
            char last = p.charAt(p.length() - 1);
            assertTrue(last == '\n' || last == '。' || last == '！', "cut on a boundary: " + last);
        }
    }

    @Test
    void shouldPreferLineBreaksOverSentenceEnds() {
        String text = "第一行。还有一句。\n" + "x".repeat(30);
        List<String> parts = TextSplitter.split(text, 30);
        assertEquals("第一行。还有一句。\n", parts.get(0));
    }

    @Test
    void shouldCutInsideAWordOnlyWithoutBoundariesAndNeverInsideACharacter() {
        String text = "长".repeat(1000) + "😀".repeat(10);
        List<String> parts = TextSplitter.split(text, 100);
        assertEquals(text, String.join("", parts));
        for (String p : parts) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= 100);
            assertTrue(!Character.isHighSurrogate(p.charAt(p.length() - 1)));
        }
    }

    @Test
    void shouldKeepAShortTextWhole() {
        assertEquals(List.of("你好"), TextSplitter.split("你好", 2048));
    }
}
