package io.tongxin.shared;

/**
 * Control characters in text from outside: C0 (except tab, line feed and carriage return), DEL and
 * C1. PostgreSQL cannot store NUL, and none of them belongs in a name, a key or a message. The admin
 * API refuses them (400); messages from the platforms are stored with them removed, never lost.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** Whether {@code c} is a control character other than tab, line feed and carriage return. */
    public static boolean isRefused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }

    /** Whether {@code c} is any control character, line breaks and tabs included (for paths and keys). */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** Whether the text holds a refused control character. */
    public static boolean containsRefused(String s) {
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                if (isRefused(s.charAt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the text holds any control character, line breaks and tabs included. */
    public static boolean containsControl(String s) {
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                if (isControl(s.charAt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text without its refused control characters (line breaks and tabs stay); null stays null. */
    public static String strip(String s) {
        if (!containsRefused(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isRefused(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
