package io.tongxin.opinion.intake;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/**
 * {@code describe-report}: what a report's confirmation shows besides the resident's own words: the
 * chosen community's name (slot {@code place}, "" when none) and the phone masked (slot
 * {@code phoneShown}, "" when none), so the confirmation never echoes a full number.
 */
@ApplicationScoped
public class DescribeReport implements DialogueAction {

    @Inject
    Directory directory;

    @Override
    public String name() {
        return "describe-report";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("community", "phone");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of("described", Map.of("place", "静安门社区", "phoneShown", "139****5678"));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        String community = args.get("community");
        String place = community == null || community.isBlank()
                ? ""
                : directory
                        .findCommunity(community.strip())
                        .map(CommunityInfo::name)
                        .orElse("");
        String phone = args.get("phone");
        String shown = phone == null || phone.isBlank() ? "" : Phones.mask(phone.replaceAll("[\\s\\-]", ""));
        Map<String, String> slots = Map.of("place", place, "phoneShown", shown);
        return new Outcome("described", Map.copyOf(slots), slots);
    }
}
