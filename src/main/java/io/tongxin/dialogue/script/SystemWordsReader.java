package io.tongxin.dialogue.script;

import io.tongxin.dialogue.script.ScriptParser.SystemWords;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the help script's {@code system} block: the engine's words (cancel, yes, no, skip) and the conversation expiry. */
final class SystemWordsReader {

    private static final Set<String> SYSTEM = Set.of("cancel", "yes", "no", "skip", "expiry");

    private SystemWordsReader() {}

    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(10);

    static SystemWords read(YamlTree y, Node n) throws ScriptError {
        Map<String, Node> m = y.map(n, "system", SYSTEM);
        for (String required : List.of("cancel", "yes", "no", "skip")) {
            if (!m.containsKey(required)) {
                throw y.error(n, "the help script's system block needs '" + required + "' (its words)");
            }
        }
        Duration expiry = DEFAULT_EXPIRY;
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
                lower(y.words(m.get("cancel"), "system.cancel")),
                lower(y.words(m.get("yes"), "system.yes")),
                lower(y.words(m.get("no"), "system.no")),
                lower(y.words(m.get("skip"), "system.skip")),
                expiry);
    }

    private static List<String> lower(List<String> words) {
        return words.stream().map(w -> w.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
