package io.tongxin.dialogue.script;

import java.util.List;

/**
 * What starts a script. Matching is on the text as the bot reads it (@-mentions around it removed).
 *
 * @param kind      the trigger's kind; also its precedence (events, then commands, regexes, keywords,
 *                  any text, fallback)
 * @param words     command words or keywords (case-insensitive)
 * @param pattern   a regex trigger (whole text, RE2J); its named groups fill the slots of those names
 * @param event     a platform event name (subscribe, enter_agent, roomJoin, ...)
 * @param slot      the slot the rest of the text (after a command) or the whole text fills, may be null
 * @param bare      in a group, whether it applies without an @-mention of the bot (commands only)
 * @param minLength the fewest characters the text needs (text and keyword triggers)
 * @param maxLength the most characters the text may have (keyword triggers: courtesy is short)
 * @param reply     for a script without an action: the template this trigger answers with (default
 *                  {@code reply})
 */
public record Trigger(
        Kind kind,
        List<String> words,
        Script.Pattern pattern,
        String event,
        String slot,
        boolean bare,
        int minLength,
        int maxLength,
        String reply,
        int line) {

    public enum Kind {
        EVENT,
        MEDIA,
        COMMAND,
        REGEX,
        KEYWORDS,
        TEXT,
        FALLBACK
    }

    /** How the trigger reads in {@code GET /api/bot/scripts}. */
    public String describe() {
        return switch (kind) {
            case EVENT -> "event " + event;
            case MEDIA -> "media " + String.join(" | ", words);
            case COMMAND -> "command " + String.join(" | ", words);
            case REGEX -> "regex " + pattern.source();
            case KEYWORDS -> "keywords " + String.join(" | ", words);
            case TEXT -> "any text";
            case FALLBACK -> "fallback";
        };
    }
}
