package io.tongxin.dialogue.script;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import java.util.Map;

/**
 * The Qute engine reply templates are parsed and rendered with: strict (an unknown variable is an
 * error, never an empty string), no HTML escaping (chat is plain text), standalone section lines
 * removed so {@code {#if}} blocks leave no blank lines.
 */
public final class Templates {

    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .strictRendering(true)
            .removeStandaloneLines(true)
            .build();

    private Templates() {}

    /** Parses a template; a syntax error is a {@link TemplateException} whose line is within the source. */
    static Template parse(String source) {
        return ENGINE.parse(source);
    }

    /** The line within the template source a Qute error points at (1-based), or 0. */
    static int lineOf(TemplateException e) {
        return e.getOrigin() == null ? 0 : e.getOrigin().getLine();
    }

    /** Renders for a load-time check; throws what a reply would throw. */
    static String trial(Template t, Map<String, Object> vars) {
        return render(t, vars);
    }

    /**
     * Renders with each variable given by name: a map handed to Qute as the data object would answer
     * {@code {size}}, {@code {keys}} or {@code {empty}} with the map's own properties instead of the
     * slots of those names.
     */
    static String render(Template t, Map<String, Object> vars) {
        TemplateInstance instance = t.instance();
        vars.forEach(instance::data);
        return instance.render();
    }
}
