package io.tongxin.dialogue.script;

import com.google.re2j.PatternSyntaxException;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.tongxin.channel.ChannelType;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.dialogue.Role;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
    /** The keys of a notice file: templates only, the notices' words (see {@link NoticeFile}). */
    private static final Set<String> NOTICE_TOP = Set.of("id", "description", "notices");

    private static final java.util.regex.Pattern NOTICE_KEY =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    private static final Set<String> WHEN = Set.of("chat", "roles", "channelTypes", "verifiedSender");
    private static final Set<String> TRIGGER = Set.of(
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
    private static final Set<String> SYSTEM = Set.of("cancel", "yes", "no", "skip", "expiry");

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

        public static SystemWords defaults() {
            return new SystemWords(
                    List.of("取消", "cancel"),
                    List.of("1", "是", "确认", "好", "yes", "y", "ok"),
                    List.of("2", "否", "不", "no", "n"),
                    List.of("跳过", "skip"),
                    Duration.ofMinutes(10));
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

    public Parsed parse(String file, String content) throws ScriptError {
        YamlTree y = new YamlTree(file);
        Node root = y.compose(new StringReader(content));
        Map<String, Node> top = y.map(root, "a script", TOP);
        Node idNode = need(y, top, root, "id");
        String id = y.text(idNode, "id");
        if (!ID.matcher(id).matches()) {
            throw y.error(idNode, "id '" + id + "' must be lower case letters, digits and dashes (at most 63)");
        }
        if (top.containsKey("notices")) {
            return new Parsed(null, null, notices(y, root, id));
        }
        String description = top.containsKey("description") ? y.scalar(top.get("description"), "description") : "";
        int priority = top.containsKey("priority") ? y.integer(top.get("priority"), "priority", -100, 100) : 0;
        Script.Scope scope = scope(y, top.get("when"));

        Map<String, Node> templateNodes =
                top.containsKey("templates") ? y.map(top.get("templates"), "templates", null) : Map.of();
        Map<String, Node> templateKeys = top.containsKey("templates") ? y.keys(top.get("templates")) : Map.of();
        Map<String, ReplyTemplate> templates = new LinkedHashMap<>();
        for (var e : templateNodes.entrySet()) {
            templates.put(e.getKey(), template(y, e.getKey(), templateKeys.get(e.getKey()), e.getValue(), ID));
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
                Trigger trigger = trigger(y, t);
                triggers.add(trigger);
                if (trigger.slot() != null) {
                    slots.add(trigger.slot());
                }
                if (trigger.pattern() != null) {
                    slots.addAll(groupNames(trigger.pattern().source()));
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
            system = system(y, top.get("system"));
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
                use(y, templates, a.prompt(), vars, a.line(), checked);
                if (a.retry() != null) {
                    use(y, templates, a.retry(), vars, a.line(), checked);
                }
            } else if (step instanceof Script.Check c) {
                DialogueAction act = actions.get(c.call().name());
                for (var on : c.on().entrySet()) {
                    if (on.getValue().template() != null) {
                        Map<String, Object> vars = new HashMap<>(base);
                        vars.putAll(act.outcomes().get(on.getKey()));
                        use(y, templates, on.getValue().template(), vars, c.line(), checked);
                    }
                }
            } else if (step instanceof Script.Confirm c) {
                use(y, templates, c.template(), base, c.line(), checked);
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
                use(y, templates, o.getKey(), vars, action.line(), checked);
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
                trial(y, t, base); // a help text, a reply without an action: slots and context only
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

    /**
     * A notice file: {@code notices:} maps each notice key a feature declares to its template per
     * language; each is rendered against every sample of its variables, in every language.
     */
    private NoticeFile notices(YamlTree y, Node root, String id) throws ScriptError {
        Map<String, Node> keys = y.keys(root);
        for (var k : keys.entrySet()) {
            if (!NOTICE_TOP.contains(k.getKey())) {
                throw y.error(
                        k.getValue(),
                        "a notice file holds only id, description and notices (no '" + k.getKey()
                                + "': notices are sent by Java, not started by triggers)");
            }
        }
        Node n = y.map(root, "a notice file", NOTICE_TOP).get("notices");
        Map<String, Node> entries = y.map(n, "notices", null);
        if (entries.isEmpty()) {
            throw y.error(n, "notices must not be empty");
        }
        Map<String, Node> keyNodes = y.keys(n);
        Map<String, ReplyTemplate> templates = new LinkedHashMap<>();
        for (var e : entries.entrySet()) {
            String key = e.getKey();
            Node at = keyNodes.getOrDefault(key, e.getValue());
            if (!NOTICE_KEY.matcher(key).matches()) {
                throw y.error(at, "notice key '" + key + "' must be lower case letters, digits, dots and dashes");
            }
            List<Map<String, Object>> samples = noticeSamples.get(key);
            if (samples == null) {
                throw y.error(
                        at,
                        "no feature sends the notice '" + key + "' (known: "
                                + String.join(", ", new java.util.TreeSet<>(noticeSamples.keySet())) + ")");
            }
            ReplyTemplate t = template(y, key, at, e.getValue(), NOTICE_KEY);
            Set<String> given = new java.util.HashSet<>();
            samples.forEach(sample -> given.addAll(sample.keySet()));
            names(y, t, given); // a branch no sample takes is checked too
            for (Map<String, Object> sample : samples) {
                render(y, t, sample);
            }
            templates.put(key, t);
        }
        return new NoticeFile(id, y.file(), YamlTree.line(root), Map.copyOf(templates));
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

    private Trigger trigger(YamlTree y, Node n) throws ScriptError {
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
            slot = slotName(y, m.get("rest"));
        }
        if (m.containsKey("slot")) {
            if (kind != Trigger.Kind.TEXT && kind != Trigger.Kind.KEYWORDS) {
                throw y.error(m.get("slot"), "slot (the whole text) is only for text and keyword triggers");
            }
            slot = slotName(y, m.get("slot"));
        }
        boolean bare = m.containsKey("bare") && y.bool(m.get("bare"), "bare");
        if (bare && kind != Trigger.Kind.COMMAND && kind != Trigger.Kind.REGEX) {
            throw y.error(
                    m.get("bare"), "bare (no @-mention needed in a group) is only for command and regex triggers");
        }
        int min = m.containsKey("minLength") ? y.integer(m.get("minLength"), "minLength", 0, MAX_MATCH_LENGTH) : 0;
        int max = m.containsKey("maxLength")
                ? y.integer(m.get("maxLength"), "maxLength", 1, MAX_MATCH_LENGTH)
                : Integer.MAX_VALUE;
        String reply = m.containsKey("reply") ? y.text(m.get("reply"), "reply") : null;
        return new Trigger(kind, words, pattern, event, slot, bare, min, max, reply, YamlTree.line(n));
    }

    private Script.Step step(YamlTree y, Node n, Set<String> slots) throws ScriptError {
        Map<String, Node> keys = y.map(n, "a step", null);
        if (keys.containsKey("ask")) {
            Map<String, Node> m = y.map(n, "an ask step", ASK);
            String slot = slotName(y, m.get("ask"));
            String prompt = y.text(need(y, m, n, "prompt"), "prompt");
            Script.Pattern pattern = m.containsKey("pattern") ? pattern(y, m.get("pattern"), "pattern") : null;
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

    private static String slotName(YamlTree y, Node n) throws ScriptError {
        String s = y.text(n, "a slot name");
        if (!SLOT_NAME.matcher(s).matches()) {
            throw y.error(n, "slot name '" + s + "' must be letters and digits, starting with a lower case letter");
        }
        return s;
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

    private static ReplyTemplate template(YamlTree y, String key, Node keyNode, Node n, java.util.regex.Pattern names)
            throws ScriptError {
        if (!names.matcher(key).matches()) {
            throw y.error(
                    keyNode == null ? n : keyNode,
                    "template name '" + key + "' must be lower case letters, digits and dashes");
        }
        Map<String, Node> m = y.map(n, "template '" + key + "'", Set.copyOf(LANGUAGES));
        Map<String, Template> parsed = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String lang : LANGUAGES) {
            Node t = m.get(lang);
            if (t == null) {
                throw y.error(keyNode, "template '" + key + "' has no " + lang + " text");
            }
            String source = y.text(t, "template '" + key + "' (" + lang + ")");
            try {
                parsed.put(lang, Templates.parse(source));
            } catch (TemplateException e) {
                throw new ScriptError(
                        y.error(t, "").file(),
                        templateLine(t, e),
                        "template '" + key + "' (" + lang + ") does not parse: " + reason(e));
            }
            sources.put(lang, source);
            lines.put(lang, YamlTree.line(t));
        }
        return new ReplyTemplate(
                key, Map.copyOf(parsed), Map.copyOf(sources), YamlTree.line(keyNode), Map.copyOf(lines));
    }

    private static void use(
            YamlTree y,
            Map<String, ReplyTemplate> templates,
            String key,
            Map<String, Object> vars,
            int line,
            Set<String> checked)
            throws ScriptError {
        ReplyTemplate t = templates.get(key);
        if (t == null) {
            throw new ScriptError(y.file(), line, "no template '" + key + "'");
        }
        trial(y, t, vars);
        checked.add(key);
    }

    private static void trial(YamlTree y, ReplyTemplate t, Map<String, Object> vars) throws ScriptError {
        names(y, t, vars.keySet());
        render(y, t, vars);
    }

    /** Renders a template in each language against sample variables, as a reply would. */
    private static void render(YamlTree y, ReplyTemplate t, Map<String, Object> vars) throws ScriptError {
        for (String lang : LANGUAGES) {
            try {
                Templates.trial(t.byLanguage().get(lang), vars);
            } catch (TemplateException e) {
                throw new ScriptError(
                        y.file(),
                        t.lines().getOrDefault(lang, t.line()),
                        "template '" + t.key() + "' (" + lang + "): " + reason(e) + " (variables here: "
                                + String.join(", ", new java.util.TreeSet<>(vars.keySet())) + ")");
            } catch (RuntimeException e) {
                throw new ScriptError(
                        y.file(),
                        t.lines().getOrDefault(lang, t.line()),
                        "template '" + t.key() + "' (" + lang + "): " + e.getMessage());
            }
        }
    }

    private static final java.util.regex.Pattern FOR_ALIAS =
            java.util.regex.Pattern.compile("\\{#for\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+in\\b");
    private static final java.util.regex.Pattern LET = java.util.regex.Pattern.compile("\\{#let\\s+([^}]*)}");
    private static final java.util.regex.Pattern LET_NAME =
            java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    private static final java.util.regex.Pattern LOOP_METADATA = java.util.regex.Pattern.compile(
            "[A-Za-z_][A-Za-z0-9]*_(?:count|index|indexParity|hasNext|isOdd|odd|isEven|even|isFirst|first|isLast|last|info)");

    /**
     * Every variable a template names, in every branch (rendering a sample reaches only the branches the
     * sample takes), must be one it gets: {@code allowed}, a loop's or {@code let}'s own name, or loop
     * metadata. Only the first part of each expression is checked here; its properties are checked by
     * rendering.
     */
    static void names(YamlTree y, ReplyTemplate t, Set<String> allowed) throws ScriptError {
        for (String lang : LANGUAGES) {
            Template template = t.byLanguage().get(lang);
            String source = t.sources().getOrDefault(lang, "");
            if (template == null || source.contains("{#with")) {
                continue;
            }
            Set<String> own = new java.util.HashSet<>(Set.of("it"));
            var f = FOR_ALIAS.matcher(source);
            while (f.find()) {
                own.add(f.group(1));
            }
            var l = LET.matcher(source);
            while (l.find()) {
                var n = LET_NAME.matcher(l.group(1));
                while (n.find()) {
                    own.add(n.group(1));
                }
            }
            for (io.quarkus.qute.Expression e : template.getExpressions()) {
                if (e.isLiteral() || e.getNamespace() != null || e.getParts().isEmpty()) {
                    continue;
                }
                String name = e.getParts().get(0).getName();
                if (allowed.contains(name)
                        || own.contains(name)
                        || LOOP_METADATA.matcher(name).matches()) {
                    continue;
                }
                int within = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
                int at = t.lines().getOrDefault(lang, t.line());
                throw new ScriptError(
                        y.file(),
                        at,
                        "template '" + t.key() + "' (" + lang + "): unknown variable '" + name + "'"
                                + (within > 1 ? " (line " + within + " of the template)" : "") + " (variables here: "
                                + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** The line in the file of a Qute error inside a template value (block scalars start a line below the key). */
    private static int templateLine(Node value, TemplateException e) {
        int base = YamlTree.line(value);
        int within = Templates.lineOf(e);
        boolean block = value instanceof ScalarNode s
                && s.getScalarStyle().getChar() != null
                && (s.getScalarStyle().getChar() == '|' || s.getScalarStyle().getChar() == '>');
        return within <= 0 ? base : base + within - (block ? 0 : 1);
    }

    private static String reason(TemplateException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // Qute prefixes a location the file and line already give
        int i = m.indexOf("] ");
        m = m.startsWith("Rendering error") || m.startsWith("Parser error") ? (i > 0 ? m.substring(i + 2) : m) : m;
        return m.replaceAll("\\s+", " ").strip();
    }

    private SystemWords system(YamlTree y, Node n) throws ScriptError {
        Map<String, Node> m = y.map(n, "system", SYSTEM);
        SystemWords d = SystemWords.defaults();
        Duration expiry = d.expiry();
        if (m.containsKey("expiry")) {
            try {
                expiry = Duration.parse(y.text(m.get("expiry"), "system.expiry"));
            } catch (DateTimeParseException e) {
                throw y.error(m.get("expiry"), "system.expiry must be an ISO-8601 duration such as PT10M");
            }
            if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(Duration.ofDays(1)) > 0) {
                throw y.error(m.get("expiry"), "system.expiry must be between a second and a day");
            }
        }
        return new SystemWords(
                lower(m.containsKey("cancel") ? y.words(m.get("cancel"), "system.cancel") : d.cancel()),
                lower(m.containsKey("yes") ? y.words(m.get("yes"), "system.yes") : d.yes()),
                lower(m.containsKey("no") ? y.words(m.get("no"), "system.no") : d.no()),
                lower(m.containsKey("skip") ? y.words(m.get("skip"), "system.skip") : d.skip()),
                expiry);
    }

    private static List<String> lower(List<String> words) {
        return words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
