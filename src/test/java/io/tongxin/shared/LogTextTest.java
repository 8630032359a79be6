package io.tongxin.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void shouldEscapeLineBreaksAndControlCharacters() {
        assertEquals(
                "a\\nFORGED-LOG-LINE\\r\\u0000\\u001b[31m\\u0007\\t\\u007f\\u0085\\u2028z",
                LogText.escape("a\nFORGED-LOG-LINE\r\u0000\u001b[31m\u0007\t\u007f\u0085\u2028z"));
    }

    @Test
    void shouldEscapeTheEscapeCharacterItself() {
        assertEquals("C:\\\\path", LogText.escape("C:\\path"));
    }

    @Test
    void shouldLeaveOrdinaryTextAlone() {
        assertEquals("南关社区 2026-000014 ok", LogText.escape("南关社区 2026-000014 ok"));
        assertEquals("null", LogText.escape(null));
    }
}
