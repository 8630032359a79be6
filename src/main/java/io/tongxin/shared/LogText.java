package io.tongxin.shared;

/**
 * Makes untrusted text (channel keys, paths, message text) safe for one log line: a line break,
 * terminal escape or other control character can neither start a forged line nor recolour or wipe
 * the terminal. Control characters (C0, DEL, C1) and the Unicode line and paragraph separators are
 * written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}; a backslash is doubled so
 * an escape in the log always means an escaped character.
 */
public final class LogText {

    private LogText() {}

    public static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\\' -> "\\\\";
                default -> needsEscape(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
