package io.tongxin.dialogue.script;

import io.quarkus.qute.Template;
import java.util.Map;

/**
 * A reply template in each language ({@code zh-CN}, {@code en}), parsed by Qute when the script loaded.
 * {@code line}: the template's name in the file; {@code lines}: where each language's text starts.
 */
public record ReplyTemplate(
        String key,
        Map<String, Template> byLanguage,
        Map<String, String> sources,
        int line,
        Map<String, Integer> lines) {

    public static final String DEFAULT_LANGUAGE = "zh-CN";

    /** Renders in the language asked for, or zh-CN when the template has none in it. */
    public String render(String language, Map<String, Object> vars) {
        Template t = byLanguage.get(language);
        if (t == null) {
            t = byLanguage.get(DEFAULT_LANGUAGE);
        }
        return Templates.render(t, vars).strip();
    }
}
