package io.tongxin.dialogue;

import io.tongxin.channel.MessageKind;
import io.tongxin.dialogue.script.Script;
import io.tongxin.dialogue.script.ScriptParser;
import io.tongxin.dialogue.script.Trigger;
import io.tongxin.inbox.InboundMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How a message meets the scripts: the kind and text it is read as, where a script applies, what a trigger fills. */
final class TriggerMatch {

    private TriggerMatch() {}

    /**
     * The kind the scripts read a message as: a voice message with the platform's speech recognition
     * is text (a resident who speaks rather than types reports like anyone); others as they came.
     */
    static MessageKind kindOf(InboundMessage m) {
        return m.kind() == MessageKind.VOICE && m.text() != null && !m.text().isBlank() ? MessageKind.TEXT : m.kind();
    }

    static boolean isMedia(MessageKind k) {
        return k == MessageKind.IMAGE || k == MessageKind.VOICE || k == MessageKind.LOCATION;
    }

    /** A one-word answer (cancel, yes, no, skip) as the system words are written: lower case, no closing punctuation. */
    static String word(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s。.!！~～]+$", "");
    }

    /** The text triggers are matched against: @-mentions of the bot around it removed. */
    static String readText(InboundMessage m) {
        if (m.text() == null) {
            return "";
        }
        return m.mentionsBot() ? ChatText.withoutMentions(m.text()) : m.text().strip();
    }

    static boolean applies(Script.Scope scope, InboundMessage m, Set<Role> roles) {
        if (scope.chat() == Script.Chat.GROUP && !m.inGroup() || scope.chat() == Script.Chat.DIRECT && m.inGroup()) {
            return false;
        }
        if (!scope.roles().isEmpty() && scope.roles().stream().noneMatch(roles::contains)) {
            return false;
        }
        return scope.channelTypes().isEmpty() || scope.channelTypes().contains(m.channelType());
    }

    /** The slots a text trigger fills when it matches the text, or null when it does not match. */
    static Map<String, String> matches(Trigger t, String text) {
        int length = ChatText.length(text);
        if (text.isEmpty() || length > ScriptParser.MAX_MATCH_LENGTH) {
            return t.kind() == Trigger.Kind.FALLBACK ? Map.of() : null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Map<String, String> slots = new LinkedHashMap<>();
        switch (t.kind()) {
            case COMMAND -> {
                for (String w : t.words()) {
                    if (!lower.startsWith(w)) {
                        continue;
                    }
                    String rest = text.substring(w.length());
                    boolean separated = rest.isEmpty()
                            || w.startsWith("#")
                            || Character.isWhitespace(rest.codePointAt(0))
                            || rest.charAt(0) == '\u3000'
                            || rest.charAt(0) == ':'
                            || rest.charAt(0) == '：'
                            || rest.charAt(0) == ','
                            || rest.charAt(0) == '，';
                    if (!separated) {
                        continue;
                    }
                    rest = rest.replaceFirst("^[\\s\\u3000:：,，]+", "").strip();
                    if (t.slot() != null && !rest.isEmpty()) {
                        slots.put(t.slot(), rest);
                    }
                    return slots;
                }
                return null;
            }
            case REGEX -> {
                com.google.re2j.Matcher m = t.pattern().compiled().matcher(text);
                if (!m.matches()) {
                    return null;
                }
                for (String name : t.pattern().groups()) {
                    String v = m.group(name);
                    if (v != null && !v.isBlank()) {
                        slots.put(name, v.strip());
                    }
                }
                return slots;
            }
            case KEYWORDS -> {
                if (length < t.minLength() || length > t.maxLength()) {
                    return null;
                }
                for (String w : t.words()) {
                    if (lower.contains(w)) {
                        if (t.slot() != null) {
                            slots.put(t.slot(), text);
                        }
                        return slots;
                    }
                }
                return null;
            }
            case TEXT -> {
                if (length < t.minLength() || length > t.maxLength()) {
                    return null;
                }
                if (t.slot() != null) {
                    slots.put(t.slot(), text);
                }
                return slots;
            }
            case FALLBACK -> {
                return slots;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The slots a trigger fills from a message (read as {@code kind}, with {@code text}), or null when
     * it does not match: an event trigger its event, a media trigger its kinds, the others the text.
     */
    static Map<String, String> slots(Trigger t, InboundMessage m, MessageKind kind, String text) {
        if (m.kind() == MessageKind.EVENT) {
            return t.kind() == Trigger.Kind.EVENT && t.event().equalsIgnoreCase(m.event()) ? Map.of() : null;
        }
        if (isMedia(kind)) {
            return t.kind() == Trigger.Kind.MEDIA && t.words().contains(kind.wire()) ? Map.of() : null;
        }
        if (kind != MessageKind.TEXT || t.kind() == Trigger.Kind.EVENT || t.kind() == Trigger.Kind.MEDIA) {
            return null;
        }
        return matches(t, text);
    }
}
