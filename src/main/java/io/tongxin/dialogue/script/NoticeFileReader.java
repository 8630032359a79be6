package io.tongxin.dialogue.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a notice file ({@code notices:}): the templates of the notices the features send, each
 * checked against every sample of the variables its feature declared ({@link io.tongxin.dialogue.NoticeCatalog}).
 */
final class NoticeFileReader {

    /** The keys of a notice file: templates only, the notices' words (see {@link NoticeFile}). */
    private static final Set<String> NOTICE_TOP = Set.of("id", "description", "notices");

    private static final java.util.regex.Pattern NOTICE_KEY =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    private NoticeFileReader() {}

    /**
     * A notice file: {@code notices:} maps each notice key a feature declares to its template per
     * language; each is rendered against every sample of its variables, in every language.
     */
    static NoticeFile read(YamlTree y, Node root, String id, Map<String, List<Map<String, Object>>> noticeSamples)
            throws ScriptError {
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
            ReplyTemplate t = ScriptTemplates.template(y, key, at, e.getValue(), NOTICE_KEY);
            Set<String> given = new java.util.HashSet<>();
            samples.forEach(sample -> given.addAll(sample.keySet()));
            ScriptTemplates.names(y, t, given); // a branch no sample takes is checked too
            for (Map<String, Object> sample : samples) {
                ScriptTemplates.render(y, t, sample);
            }
            templates.put(key, t);
        }
        return new NoticeFile(id, y.file(), YamlTree.line(root), Map.copyOf(templates));
    }
}
