package io.tongxin.opinion.intake;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code community-choices}: the communities a resident reporting in a direct chat chooses from (the
 * chat does not say where they live), by code, labelled with their names.
 */
@ApplicationScoped
public class CommunityChoices implements DialogueAction {

    @Inject
    Directory directory;

    @Override
    public String name() {
        return "community-choices";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of("choices", Map.of("choices", List.of(Map.of("value", "lz-jinganmen", "label", "静安门社区"))));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        List<Map<String, Object>> choices = directory.communitiesRecent().stream()
                .map(CommunityChoices::choice)
                .toList();
        return Outcome.of("choices", Map.of("choices", choices));
    }

    private static Map<String, Object> choice(CommunityInfo c) {
        return Map.of("value", c.code(), "label", c.name() == null ? c.code() : c.name());
    }
}
