package io.tongxin.dialogue.script;

import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a script's triggers (command, regex, keywords, text, event, media, fallback) and its regexes:
 * RE2J, linear time, so a pattern can never stall the bot; backreferences and lookaround are refused.
 */
final class TriggerReader {

    private static final Set<String> TRIGGER = ScriptParser.TRIGGER_KEYS;

    private TriggerReader() {}

    static Trigger trigger(YamlTree y, Node n) throws ScriptError {
        Map<String, Node> m = y.map(n, "a trigger", TRIGGER);
        List<Trigger.Kind> kinds = new ArrayList<>();
        for (String k : List.of("event", "media", "command", "regex", "keywords", "text", "fallback")) {
            if (m.containsKey(k)) {
                kinds.add(Trigger.Kind.valueOf(k.toUpperCase(Locale.ROOT)));
            }
        }
        if (kinds.size() != 1) {
            throw y.error(n, "a trigger is exactly one of command, regex, keywords, text, event, media, fallback");
        }
        Trigger.Kind kind = kinds.get(0);
        List<String> words = List.of();
        Script.Pattern pattern = null;
        String event = null;
        switch (kind) {
            case COMMAND, KEYWORDS -> {
                Node w = m.get(kind.name().toLowerCase(Locale.ROOT));
                words = y.words(w, kind.name().toLowerCase(Locale.ROOT)).stream()
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .toList();
                for (String s : words) {
                    if (kind == Trigger.Kind.COMMAND && s.chars().anyMatch(Character::isWhitespace)) {
                        throw y.error(w, "a command is one word: '" + s + "'");
                    }
                }
            }
            case REGEX -> pattern = pattern(y, m.get("regex"), "regex");
            case EVENT -> event = y.text(m.get("event"), "event");
            case MEDIA -> {
                words = y.words(m.get("media"), "media").stream()
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .toList();
                for (String s : words) {
                    if (!List.of("image", "voice", "location").contains(s)) {
                        throw y.error(m.get("media"), "media is image, voice or location, not '" + s + "'");
                    }
                }
            }
            case TEXT -> {
                if (!(m.get("text") instanceof ScalarNode) || !y.bool(m.get("text"), "text")) {
                    throw y.error(m.get("text"), "text must be true (any text addressed to the bot)");
                }
            }
            case FALLBACK -> {
                if (!y.bool(m.get("fallback"), "fallback")) {
                    throw y.error(m.get("fallback"), "fallback must be true");
                }
            }
        }
        String slot = null;
        if (m.containsKey("rest")) {
            if (kind != Trigger.Kind.COMMAND) {
                throw y.error(m.get("rest"), "rest (the words after a command) is only for command triggers");
            }
            slot = ScriptParser.slotName(y, m.get("rest"));
        }
        if (m.containsKey("slot")) {
            if (kind != Trigger.Kind.TEXT && kind != Trigger.Kind.KEYWORDS) {
                throw y.error(m.get("slot"), "slot (the whole text) is only for text and keyword triggers");
            }
            slot = ScriptParser.slotName(y, m.get("slot"));
        }
        boolean bare = m.containsKey("bare") && y.bool(m.get("bare"), "bare");
        if (bare && kind != Trigger.Kind.COMMAND && kind != Trigger.Kind.REGEX) {
            throw y.error(
                    m.get("bare"), "bare (no @-mention needed in a group) is only for command and regex triggers");
        }
        int min = m.containsKey("minLength")
                ? y.integer(m.get("minLength"), "minLength", 0, ScriptParser.MAX_MATCH_LENGTH)
                : 0;
        int max = m.containsKey("maxLength")
                ? y.integer(m.get("maxLength"), "maxLength", 1, ScriptParser.MAX_MATCH_LENGTH)
                : Integer.MAX_VALUE;
        String reply = m.containsKey("reply") ? y.text(m.get("reply"), "reply") : null;
        return new Trigger(kind, words, pattern, event, slot, bare, min, max, reply, YamlTree.line(n));
    }

    static Script.Pattern pattern(YamlTree y, Node n, String what) throws ScriptError {
        String source = y.text(n, what);
        try {
            return new Script.Pattern(source, com.google.re2j.Pattern.compile(source), groupNames(source));
        } catch (PatternSyntaxException e) {
            throw y.error(
                    n,
                    what + " does not compile (linear-time RE2 syntax: no backreferences or lookaround): "
                            + e.getDescription());
        }
    }

    /** Named groups of a regex, {@code (?P<name>...)} or {@code (?<name>...)}. */
    static Set<String> groupNames(String regex) {
        Set<String> names = new LinkedHashSet<>();
        var m = java.util.regex.Pattern.compile("\\(\\?P?<([a-zA-Z][a-zA-Z0-9]*)>")
                .matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
