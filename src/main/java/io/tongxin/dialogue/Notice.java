package io.tongxin.dialogue;

import java.util.Map;

/**
 * A notice to be worded: its key in the {@code bot-scripts/} notice files and its variables. The code
 * that knows where it goes (and so the channel's language) words it with {@link Notices#render}.
 */
public record Notice(String key, Map<String, Object> vars) {

    public Notice {
        vars = Map.copyOf(vars);
    }
}
