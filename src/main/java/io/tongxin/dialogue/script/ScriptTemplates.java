package io.tongxin.dialogue.script;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reply and notice templates as {@link ScriptParser} reads them: parsed by Qute with the line of
 * every error, and checked against the variables they will get (every name in every branch, then a
 * rendering of each sample in each language), so a broken template is a load error, not a reply.
 */
final class ScriptTemplates {

    private static final List<String> LANGUAGES = ScriptParser.LANGUAGES;

    private ScriptTemplates() {}

    static ReplyTemplate template(YamlTree y, String key, Node keyNode, Node n, java.util.regex.Pattern names)
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

    static void use(
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

    static void trial(YamlTree y, ReplyTemplate t, Map<String, Object> vars) throws ScriptError {
        names(y, t, vars.keySet());
        render(y, t, vars);
    }

    /** Renders a template in each language against sample variables, as a reply would. */
    static void render(YamlTree y, ReplyTemplate t, Map<String, Object> vars) throws ScriptError {
        for (String lang : LANGUAGES) {
            try {
                Templates.trial(t.byLanguage().get(lang), vars);
            } catch (TemplateException e) {
                if (overflowed(e)) {
                    throw ScriptParser.tooDeep(y.file(), t.lines().getOrDefault(lang, t.line()));
                }
                throw new ScriptError(
                        y.file(),
                        t.lines().getOrDefault(lang, t.line()),
                        "template '" + t.key() + "' (" + lang + "): " + reason(e) + " (variables here: "
                                + String.join(", ", new java.util.TreeSet<>(vars.keySet())) + ")");
            } catch (RuntimeException e) {
                int line = t.lines().getOrDefault(lang, t.line());
                if (overflowed(e)) {
                    // rendering runs in a future, which hands the overflow back wrapped
                    throw ScriptParser.tooDeep(y.file(), line);
                }
                throw new ScriptError(y.file(), line, "template '" + t.key() + "' (" + lang + "): " + e.getMessage());
            }
        }
    }

    private static boolean overflowed(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StackOverflowError) {
                return true;
            }
        }
        return false;
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
}
