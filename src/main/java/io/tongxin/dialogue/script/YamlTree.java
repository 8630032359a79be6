package io.tongxin.dialogue.script;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file as a tree that keeps the line of every value, so each error names it. Only plain
 * YAML: no tags, anchors are resolved by the composer, duplicate keys are refused.
 */
final class YamlTree {

    private final String file;

    YamlTree(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    Node compose(Reader reader) throws ScriptError {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1024 * 1024);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ScriptError(file, 1, "the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ScriptError(file, line, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new ScriptError(file, 0, "not valid YAML: " + e.getMessage());
        }
    }

    static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    ScriptError error(Node at, String reason) {
        return new ScriptError(file, line(at), reason);
    }

    /** A mapping's entries by key, in order; a key outside {@code allowed} is refused. */
    Map<String, Node> map(Node n, String what, Set<String> allowed) throws ScriptError {
        if (!(n instanceof MappingNode m)) {
            throw error(n, what + " must be a mapping (key: value)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), what + " key");
            if (allowed != null && !allowed.contains(key)) {
                throw error(
                        t.getKeyNode(),
                        "unknown key '" + key + "' in " + what + " (allowed: " + String.join(", ", allowed) + ")");
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), "duplicate key '" + key + "' in " + what);
            }
        }
        return out;
    }

    /** Key nodes of a mapping, for errors about a key. */
    Map<String, Node> keys(Node n) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s) {
                    out.put(s.getValue(), t.getKeyNode());
                }
            }
        }
        return out;
    }

    String scalar(Node n, String what) throws ScriptError {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, what + " must be a single value");
        }
        return s.getValue();
    }

    String text(Node n, String what) throws ScriptError {
        String s = scalar(n, what);
        if (s.isBlank()) {
            throw error(n, what + " must not be empty");
        }
        return s;
    }

    int integer(Node n, String what, int min, int max) throws ScriptError {
        String s = scalar(n, what).strip();
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw error(n, what + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(n, what + " must be a whole number");
        }
    }

    boolean bool(Node n, String what) throws ScriptError {
        String s = scalar(n, what).strip();
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(n, what + " must be true or false");
        };
    }

    List<Node> list(Node n, String what) throws ScriptError {
        if (!(n instanceof SequenceNode s)) {
            throw error(n, what + " must be a list");
        }
        return s.getValue();
    }

    /** A list of words, or a single word. */
    List<String> words(Node n, String what) throws ScriptError {
        if (n instanceof ScalarNode) {
            return List.of(text(n, what));
        }
        List<String> out = new ArrayList<>();
        for (Node w : list(n, what)) {
            out.add(text(w, what));
        }
        if (out.isEmpty()) {
            throw error(n, what + " must not be empty");
        }
        return out;
    }
}
