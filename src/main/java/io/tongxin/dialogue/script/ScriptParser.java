package io.tongxin.dialogue.script;

import io.tongxin.channel.ChannelType;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.dialogue.Role;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one script file into a {@link Script}, checking everything that can be checked before a
 * resident sees it: the YAML, every key, the action and its arguments, every slot named, every regex
 * (RE2J: linear time, so no pattern can backtrack catastrophically; backreferences and lookaround are
 * refused), every template (parsed, and rendered against the variables it will get, so an unknown
 * variable is a load error). Errors carry the file and line.
 */
public final class ScriptParser {

    /** Languages a template is written in: zh-CN first (required), en beside it (required). */
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    /** The templates the {@code help} script must have: the engine's own replies. */
    public static final List<String> SYSTEM_TEMPLATES =
            List.of("help", "fallback", "cancelled", "timeout", "unverified-sender", "gave-up", "confirm-retry");

    private static final Set<String> TOP = Set.of(
            "id",
            "description",
            "priority",
            "when",
            "triggers",
            "slots",
            "steps",
            "action",
            "templates",
            "system",
            "notices");

    private static final Set<String> WHEN = Set.of("chat", "roles", "channelTypes", "verifiedSender");
    static final Set<String> TRIGGER_KEYS = Set.of(
            "command",
            "media",
            "regex",
            "keywords",
            "text",
            "event",
            "fallback",
            "slot",
            "rest",
            "bare",
            "minLength",
            "maxLength",
            "reply");
    private static final Set<String> ASK =
            Set.of("ask", "prompt", "pattern", "retry", "retries", "optional", "choices", "choicesFrom");
    private static final Set<String> CHECK = Set.of("check", "args", "on");
    private static final Set<String> CONFIRM = Set.of("confirm");
    private static final Set<String> ACTION = Set.of("name", "args");

    /** The longest text a trigger or validation pattern is matched against. */
    public static final int MAX_MATCH_LENGTH = 2000;

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final java.util.regex.Pattern SLOT_NAME = java.util.regex.Pattern.compile("[a-z][a-zA-Z0-9]{0,31}");

    /** The variables every template gets besides the slots. */
    static final Map<String, Object> CONTEXT_SAMPLE = Map.of("sender", "张三", "language", "zh-CN", "chat", "group");

    private final Map<String, DialogueAction> actions;
    private final Map<String, List<Map<String, Object>>> noticeSamples;

    public ScriptParser(Map<String, DialogueAction> actions) {
        this(actions, Map.of());
    }

    /** {@code noticeSamples}: every notice key the features declare, with samples of its variables. */
    public ScriptParser(Map<String, DialogueAction> actions, Map<String, List<Map<String, Object>>> noticeSamples) {
        this.actions = actions;
        this.noticeSamples = noticeSamples;
    }

    /** The engine's words and timeout, from the {@code help} script's {@code system} block. */
    public record SystemWords(
            List<String> cancel, List<String> yes, List<String> no, List<String> skip, Duration expiry) {

        /** Until a help script loads: no words (the words are the help script's, never Java's). */
        public static SystemWords none() {
            return new SystemWords(List.of(), List.of(), List.of(), List.of(), SystemWordsReader.DEFAULT_EXPIRY);
        }
    }

    /**
     * A parsed file: the script, and for the help script its system words; or, for a notice file
     * (one with {@code notices:}), only its notices.
     */
    public record Parsed(Script script, SystemWords system, NoticeFile notices) {

        public Parsed(Script script, SystemWords system) {
            this(script, system, null);
        }
    }

    /**
     * Parses one file; every problem is a {@link ScriptError} with the file and line, including a file
     * that nests so deeply (Qute sections, property chains, regex groups) that checking it would
     * overflow the stack: the check stops there and the whole stack has unwound before the error is
     * made, so nothing half-checked is kept.
     */
    public Parsed parse(String file, String content) throws ScriptError {
        try {
            return read(file, content);
        } catch (StackOverflowError e) {
            throw tooDeep(file, 0);
        }
    }

    /** The refusal of a file, or a template in it, that nests too deeply to be checked. */
    static ScriptError tooDeep(String file, int line) {
        return new ScriptError(
                file, line, "nests too deeply to check (template sections, property chains or regex groups)");
    }

    private Parsed read(String file, String content) throws ScriptError {
        YamlTree y = new YamlTree(file);
        Node root = y.compose(new StringReader(content));
        Map<String, Node> top = y.map(root, "a script", TOP);
        Node idNode = need(y, top, root, "id");
        String id = y.text(idNode, "id");
        if (!ID.matcher(id).matches()) {
            throw y.error(idNode, "id '" + id + "' must be lower case letters, digits and dashes (at most 63)");
        }
        if (top.containsKey("notices")) {
            return new Parsed(null, null, NoticeFileReader.read(y, root, id, noticeSamples));
        }
        String description = top.containsKey("description") ? y.scalar(top.get("description"), "description") : "";
        int priority = top.containsKey("priority") ? y.integer(top.get("priority"), "priority", -100, 100) : 0;
        Script.Scope scope = scope(y, top.get("when"));

        Map<String, Node> templateNodes =
                top.containsKey("templates") ? y.map(top.get("templates"), "templates", null) : Map.of();
        Map<String, Node> templateKeys = top.containsKey("templates") ? y.keys(top.get("templates")) : Map.of();
        Map<String, ReplyTemplate> templates = new LinkedHashMap<>();
        for (var e : templateNodes.entrySet()) {
            templates.put(
                    e.getKey(),
                    ScriptTemplates.template(y, e.getKey(), templateKeys.get(e.getKey()), e.getValue(), ID));
        }

        Set<String> slots = new LinkedHashSet<>();
        if (top.containsKey("slots")) {
            for (Node s : y.list(top.get("slots"), "slots")) {
                slots.add(slotName(y, s));
            }
        }
        List<Trigger> triggers = new ArrayList<>();
        if (top.containsKey("triggers")) {
            for (Node t : y.list(top.get("triggers"), "triggers")) {
                Trigger trigger = TriggerReader.trigger(y, t);
                triggers.add(trigger);
                if (trigger.slot() != null) {
                    slots.add(trigger.slot());
                }
                if (trigger.pattern() != null) {
                    slots.addAll(TriggerReader.groupNames(trigger.pattern().source()));
                }
            }
        }
        List<Node> stepNodes = top.containsKey("steps") ? y.list(top.get("steps"), "steps") : List.of();
        for (Node s : stepNodes) {
            Map<String, Node> m = y.map(s, "a step", null);
            if (m.containsKey("ask")) {
                slots.add(slotName(y, m.get("ask")));
            }
        }
        List<Script.Step> steps = new ArrayList<>();
        for (Node s : stepNodes) {
            steps.add(step(y, s, slots));
        }
        Script.Call action = top.containsKey("action") ? call(y, top.get("action"), slots) : null;

        SystemWords system = null;
        if (top.containsKey("system")) {
            if (!"help".equals(id)) {
                throw y.error(y.keys(root).get("system"), "only the help script has a system block");
            }
            system = SystemWordsReader.read(y, top.get("system"));
        }
        if ("help".equals(id) && system == null) {
            throw y.error(root, "the help script needs its system block (cancel, yes, no, skip words)");
        }
        if ("help".equals(id)) {
            for (String t : SYSTEM_TEMPLATES) {
                if (!templates.containsKey(t)) {
                    throw y.error(
                            top.getOrDefault("templates", root), "the help script needs the template '" + t + "'");
                }
            }
        }
        if (triggers.isEmpty() && !"help".equals(id)) {
            throw y.error(root, "a script needs at least one trigger");
        }

        // every template is rendered against what it will get
        Map<String, Object> base = new HashMap<>(CONTEXT_SAMPLE);
        for (String s : slots) {
            base.put(s, "示例");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (Script.Step step : steps) {
            if (step instanceof Script.Ask a) {
                Map<String, Object> vars = new HashMap<>(base);
                if (!a.choices().isEmpty() || a.choicesFrom() != null) {
                    vars.put("choices", List.of(Map.of("n", 1, "value", "a", "label", "示例")));
                }
                ScriptTemplates.use(y, templates, a.prompt(), vars, a.line(), checked);
                if (a.retry() != null) {
                    ScriptTemplates.use(y, templates, a.retry(), vars, a.line(), checked);
                }
            } else if (step instanceof Script.Check c) {
                DialogueAction act = actions.get(c.call().name());
                for (var on : c.on().entrySet()) {
                    if (on.getValue().template() != null) {
                        Map<String, Object> vars = new HashMap<>(base);
                        vars.putAll(act.outcomes().get(on.getKey()));
                        ScriptTemplates.use(y, templates, on.getValue().template(), vars, c.line(), checked);
                    }
                }
            } else if (step instanceof Script.Confirm c) {
                ScriptTemplates.use(y, templates, c.template(), base, c.line(), checked);
            }
        }
        if (action != null) {
            DialogueAction act = actions.get(action.name());
            for (var o : act.outcomes().entrySet()) {
                if (o.getKey().equals(Outcome.PASS) || o.getKey().equals(Outcome.SILENT)) {
                    continue;
                }
                if (!templates.containsKey(o.getKey())) {
                    throw new ScriptError(
                            file,
                            action.line(),
                            "action '" + action.name() + "' can answer '" + o.getKey() + "': add the template '"
                                    + o.getKey() + "'");
                }
                Map<String, Object> vars = new HashMap<>(base);
                vars.putAll(o.getValue());
                ScriptTemplates.use(y, templates, o.getKey(), vars, action.line(), checked);
            }
        } else if (steps.stream().anyMatch(s -> s instanceof Script.Ask)) {
            throw y.error(root, "a script that asks for slots needs an action to use them");
        } else {
            for (Trigger t : triggers) {
                String reply = t.reply() == null ? "reply" : t.reply();
                if (!templates.containsKey(reply)) {
                    throw new ScriptError(
                            file, t.line(), "a script without an action answers with a template: add '" + reply + "'");
                }
            }
        }
        for (ReplyTemplate t : templates.values()) {
            if (!checked.contains(t.key())) {
                ScriptTemplates.trial(y, t, base); // a help text, a reply without an action: slots and context only
            }
        }
        Script script = new Script(
                id,
                file,
                YamlTree.line(root),
                description,
                priority,
                scope,
                List.copyOf(triggers),
                List.copyOf(steps),
                Set.copyOf(slots),
                action,
                Map.copyOf(templates));
        return new Parsed(script, system);
    }

    private static Node need(YamlTree y, Map<String, Node> m, Node at, String key) throws ScriptError {
        Node n = m.get(key);
        if (n == null) {
            throw y.error(at, "missing '" + key + "'");
        }
        return n;
    }

    private Script.Scope scope(YamlTree y, Node n) throws ScriptError {
        if (n == null) {
            return new Script.Scope(Script.Chat.ANY, Set.of(), Set.of(), false);
        }
        Map<String, Node> m = y.map(n, "when", WHEN);
        Script.Chat chat = Script.Chat.ANY;
        if (m.containsKey("chat")) {
            String c = y.text(m.get("chat"), "when.chat");
            chat = switch (c) {
                case "group" -> Script.Chat.GROUP;
                case "direct" -> Script.Chat.DIRECT;
                case "any" -> Script.Chat.ANY;
                default -> throw y.error(m.get("chat"), "when.chat must be group, direct or any");
            };
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (m.containsKey("roles")) {
            for (String r : y.words(m.get("roles"), "when.roles")) {
                try {
                    roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw y.error(m.get("roles"), "unknown role '" + r + "' (resident, member, organizer)");
                }
            }
        }
        Set<ChannelType> types = EnumSet.noneOf(ChannelType.class);
        if (m.containsKey("channelTypes")) {
            for (String t : y.words(m.get("channelTypes"), "when.channelTypes")) {
                try {
                    types.add(ChannelType.fromWire(t));
                } catch (RuntimeException e) {
                    throw y.error(
                            m.get("channelTypes"),
                            "unknown channel type '" + t + "' (wechat-mp, wecom-app, wecom-bot, bridge)");
                }
            }
        }
        boolean verified = m.containsKey("verifiedSender") && y.bool(m.get("verifiedSender"), "when.verifiedSender");
        return new Script.Scope(chat, Set.copyOf(roles), Set.copyOf(types), verified);
    }

    private Script.Step step(YamlTree y, Node n, Set<String> slots) throws ScriptError {
        Map<String, Node> keys = y.map(n, "a step", null);
        if (keys.containsKey("ask")) {
            Map<String, Node> m = y.map(n, "an ask step", ASK);
            String slot = slotName(y, m.get("ask"));
            String prompt = y.text(need(y, m, n, "prompt"), "prompt");
            Script.Pattern pattern =
                    m.containsKey("pattern") ? TriggerReader.pattern(y, m.get("pattern"), "pattern") : null;
            String retry = m.containsKey("retry") ? y.text(m.get("retry"), "retry") : null;
            int retries = m.containsKey("retries") ? y.integer(m.get("retries"), "retries", 0, 10) : 2;
            boolean optional = m.containsKey("optional") && y.bool(m.get("optional"), "optional");
            List<Script.Choice> choices = new ArrayList<>();
            if (m.containsKey("choices")) {
                for (Node c : y.list(m.get("choices"), "choices")) {
                    if (c instanceof ScalarNode) {
                        String v = y.text(c, "a choice");
                        choices.add(new Script.Choice(v, v));
                    } else {
                        Map<String, Node> cm = y.map(c, "a choice", Set.of("value", "label"));
                        choices.add(new Script.Choice(
                                y.text(need(y, cm, c, "value"), "value"), y.text(need(y, cm, c, "label"), "label")));
                    }
                }
            }
            Script.Call from = null;
            if (m.containsKey("choicesFrom")) {
                from = new Script.Call(
                        y.text(m.get("choicesFrom"), "choicesFrom"), Map.of(), YamlTree.line(m.get("choicesFrom")));
                DialogueAction a = action(y, m.get("choicesFrom"), from.name());
                if (!a.outcomes().containsKey("choices")) {
                    throw y.error(m.get("choicesFrom"), "action '" + from.name() + "' does not answer choices");
                }
            }
            if (!choices.isEmpty() && from != null) {
                throw y.error(n, "choices and choicesFrom exclude each other");
            }
            if ((pattern != null || !choices.isEmpty() || from != null) && retry == null) {
                throw y.error(n, "a step that checks the answer needs a retry template");
            }
            return new Script.Ask(
                    slot, prompt, pattern, retry, retries, optional, List.copyOf(choices), from, YamlTree.line(n));
        }
        if (keys.containsKey("check")) {
            Map<String, Node> m = y.map(n, "a check step", CHECK);
            Script.Call call =
                    call(y, m.get("check"), y.text(m.get("check"), "check"), m.get("args"), slots, YamlTree.line(n));
            DialogueAction a = actions.get(call.name());
            Map<String, Script.OnOutcome> on = new LinkedHashMap<>();
            if (m.containsKey("on")) {
                for (var e : y.map(m.get("on"), "on", null).entrySet()) {
                    if (!a.outcomes().containsKey(e.getKey())) {
                        throw y.error(
                                e.getValue(),
                                "action '" + call.name() + "' has no outcome '" + e.getKey() + "' (it has "
                                        + String.join(", ", a.outcomes().keySet()) + ")");
                    }
                    on.put(e.getKey(), onOutcome(y, e.getValue()));
                }
            }
            return new Script.Check(call, Map.copyOf(on), YamlTree.line(n));
        }
        if (keys.containsKey("confirm")) {
            Map<String, Node> m = y.map(n, "a confirm step", CONFIRM);
            return new Script.Confirm(y.text(m.get("confirm"), "confirm"), YamlTree.line(n));
        }
        throw y.error(n, "a step is one of ask, check, confirm");
    }

    private static Script.OnOutcome onOutcome(YamlTree y, Node n) throws ScriptError {
        if (n instanceof ScalarNode) {
            if (!"continue".equals(y.scalar(n, "on"))) {
                throw y.error(n, "an outcome is continue, {reply: template} or {confirm: template}");
            }
            return new Script.OnOutcome(Script.OnOutcome.Kind.CONTINUE, null);
        }
        Map<String, Node> m = y.map(n, "an outcome", Set.of("reply", "confirm"));
        if (m.size() != 1) {
            throw y.error(n, "an outcome is continue, {reply: template} or {confirm: template}");
        }
        if (m.containsKey("reply")) {
            return new Script.OnOutcome(Script.OnOutcome.Kind.REPLY, y.text(m.get("reply"), "reply"));
        }
        return new Script.OnOutcome(Script.OnOutcome.Kind.CONFIRM, y.text(m.get("confirm"), "confirm"));
    }

    private Script.Call call(YamlTree y, Node n, Set<String> slots) throws ScriptError {
        Map<String, Node> m = y.map(n, "action", ACTION);
        return call(y, n, y.text(need(y, m, n, "name"), "action.name"), m.get("args"), slots, YamlTree.line(n));
    }

    private Script.Call call(YamlTree y, Node at, String name, Node argsNode, Set<String> slots, int line)
            throws ScriptError {
        DialogueAction a = action(y, at, name);
        Map<String, String> args = new LinkedHashMap<>();
        if (argsNode != null) {
            for (var e : y.map(argsNode, "args", null).entrySet()) {
                if (!a.parameters().contains(e.getKey())) {
                    throw y.error(
                            e.getValue(),
                            "action '" + name + "' has no parameter '" + e.getKey() + "' (it takes "
                                    + String.join(", ", a.parameters()) + ")");
                }
                String slot = y.text(e.getValue(), "args." + e.getKey());
                if (!slots.contains(slot)) {
                    throw y.error(
                            e.getValue(), "unknown slot '" + slot + "' (slots: " + String.join(", ", slots) + ")");
                }
                args.put(e.getKey(), slot);
            }
        }
        for (String r : a.required()) {
            if (!args.containsKey(r)) {
                throw y.error(at, "action '" + name + "' needs the argument '" + r + "'");
            }
        }
        return new Script.Call(name, Map.copyOf(args), line);
    }

    private DialogueAction action(YamlTree y, Node at, String name) throws ScriptError {
        DialogueAction a = actions.get(name);
        if (a == null) {
            throw y.error(
                    at,
                    "unknown action '" + name + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(actions.keySet())) + ")");
        }
        return a;
    }

    static String slotName(YamlTree y, Node n) throws ScriptError {
        String s = y.text(n, "a slot name");
        if (!SLOT_NAME.matcher(s).matches()) {
            throw y.error(n, "slot name '" + s + "' must be letters and digits, starting with a lower case letter");
        }
        return s;
    }
}
