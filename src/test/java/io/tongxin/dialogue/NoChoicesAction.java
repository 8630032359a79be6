package io.tongxin.dialogue;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A test action answering no choices at all (a directory without communities). */
@ApplicationScoped
public class NoChoicesAction implements DialogueAction {

    @Override
    public String name() {
        return "test-no-choices";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of("choices", Map.of("choices", List.of()));
    }

    @Override
    public Outcome run(ActionContext context, Map<String, String> args) {
        return Outcome.of("choices", Map.of("choices", List.of()));
    }
}
