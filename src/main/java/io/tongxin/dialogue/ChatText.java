package io.tongxin.dialogue;

import java.util.regex.Pattern;

/** The text of a chat message as the bot reads it. */
public final class ChatText {

    /** One @-mention token: WeChat ends it with a four-per-em space (U+2005), others with a space. */
    private static final String MENTION = "@[^\\s\\u2005]+";

    private static final Pattern LEADING_MENTIONS =
            Pattern.compile("^(?:[\\s\\u2005]*" + MENTION + "(?:[\\s\\u2005]+|$))+");
    private static final Pattern TRAILING_MENTIONS = Pattern.compile("(?:[\\s\\u2005]+" + MENTION + ")+[\\s\\u2005]*$");

    private ChatText() {}

    /** Drops the @-mentions that open or close the text (the bot's, usually); mentions inside it stay. */
    public static String withoutMentions(String text) {
        if (text == null) {
            return "";
        }
        String t = LEADING_MENTIONS.matcher(text).replaceFirst("");
        t = TRAILING_MENTIONS.matcher(t).replaceFirst("");
        return t.strip();
    }

    /** Characters as people count them (code points). */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
