package io.tongxin.dialogue.script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scripts in force, and the triggers in the order they are tried: by kind (events, commands,
 * regexes, keywords, any text, fallback), then by priority (higher first), then by file name.
 */
public final class ScriptSet {

    /** A trigger with the script it starts. */
    public record Entry(Script script, Trigger trigger) {}

    private final Map<String, Script> byId;
    private final List<Entry> ordered;
    private final ScriptParser.SystemWords system;

    public ScriptSet(Map<String, Script> byId, ScriptParser.SystemWords system) {
        this.byId = Map.copyOf(byId);
        this.system = system;
        List<Entry> entries = new ArrayList<>();
        for (Script s : byId.values()) {
            for (Trigger t : s.triggers()) {
                entries.add(new Entry(s, t));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.trigger().kind())
                .thenComparing(e -> -e.script().priority())
                .thenComparing(e -> e.script().file())
                .thenComparing(e -> e.trigger().line()));
        this.ordered = List.copyOf(entries);
    }

    public List<Entry> ordered() {
        return ordered;
    }

    public Optional<Script> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Map<String, Script> scripts() {
        return byId;
    }

    /** The help script: the engine's own replies (cancelled, timeout, ...). Always present. */
    public Script help() {
        return byId.get("help");
    }

    public ScriptParser.SystemWords system() {
        return system;
    }

    /** A trigger that collides with another script's: the line of the candidate's trigger, and why. */
    public record Collision(int line, String reason) {}

    /**
     * The trigger of another script this one would collide with: the same command word or keyword, the
     * same regex or event, or a second fallback, in scopes that overlap and at the same priority.
     */
    public static Optional<Collision> collision(Script candidate, Iterable<Script> others) {
        for (Script o : others) {
            if (o.id().equals(candidate.id())
                    || o.priority() != candidate.priority()
                    || !o.scope().overlaps(candidate.scope())) {
                continue;
            }
            for (Trigger a : candidate.triggers()) {
                for (Trigger b : o.triggers()) {
                    if (a.kind() != b.kind()) {
                        continue;
                    }
                    String same = switch (a.kind()) {
                        case COMMAND, KEYWORDS, MEDIA ->
                            a.words().stream()
                                    .filter(b.words()::contains)
                                    .findFirst()
                                    .orElse(null);
                        case REGEX ->
                            a.pattern().source().equals(b.pattern().source())
                                    ? a.pattern().source()
                                    : null;
                        case EVENT -> a.event().equalsIgnoreCase(b.event()) ? a.event() : null;
                        case FALLBACK -> "fallback";
                        case TEXT -> "any text";
                    };
                    if (same != null) {
                        return Optional.of(new Collision(
                                a.line(),
                                "duplicate trigger '" + same + "': script '" + o.id() + "' (" + o.file() + ":"
                                        + b.line() + ") already has it for the same chats, roles and priority"));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
