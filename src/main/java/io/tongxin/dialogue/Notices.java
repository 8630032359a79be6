package io.tongxin.dialogue;

import io.tongxin.dialogue.script.ReplyTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Words notices with the notice templates in force ({@code bot-scripts/notices-*.yaml}, hot-reloaded
 * with the scripts): one language per message, the language of the channel it goes out on
 * ({@code zh-CN}, or {@code en}; any other falls back to zh-CN). Every key a {@link NoticeCatalog}
 * declares is present: start-up fails otherwise.
 */
@ApplicationScoped
public class Notices {

    @Inject
    ScriptRegistry registry;

    /** The notice {@code key} in {@code language} with {@code vars}; an undeclared key is a programming error. */
    public String render(String key, String language, Map<String, Object> vars) {
        ReplyTemplate t = registry.notices().get(key);
        if (t == null) {
            throw new IllegalArgumentException(
                    "no notice template '" + key + "' (declare it in a NoticeCatalog and add it to bot-scripts/)");
        }
        return t.render(language == null ? ReplyTemplate.DEFAULT_LANGUAGE : language, vars);
    }

    public String render(Notice notice, String language) {
        return render(notice.key(), language, notice.vars());
    }
}
