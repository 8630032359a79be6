package io.tongxin.shared;

/**
 * Whether text is blank as a reader sees it: nothing but Unicode white space (the ASCII kind, the
 * ideographic space U+3000 a Chinese keyboard types, no-break spaces, the en/em spaces) and
 * invisible format characters (zero-width space, joiners, word joiner, byte order mark).
 * {@code String.trim()} (and so Hibernate Validator's own {@code @NotBlank}) removes only ASCII
 * controls and spaces, {@code String.isBlank()} misses the no-break spaces and the zero-width ones:
 * a keyword or a name made of them would be stored as an empty or invisible value. {@code @NotBlank}
 * (through {@link UnicodeNotBlank}) and the hand-written checks of the event and opinion requests
 * use this one definition.
 */
public final class BlankText {

    private BlankText() {}

    /** Whether {@code s} is null, empty, or holds only white space and invisible characters. */
    public static boolean isBlank(CharSequence s) {
        return s == null || s.codePoints().allMatch(BlankText::isBlankCodePoint);
    }

    /** Whether one code point is white space or an invisible format character. */
    public static boolean isBlankCodePoint(int c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || c == 0x180e // Mongolian vowel separator
                || (c >= 0x200b && c <= 0x200d) // zero-width space, non-joiner, joiner
                || c == 0x2060 // word joiner
                || c == 0xfeff; // zero-width no-break space (byte order mark)
    }
}
