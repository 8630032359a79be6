package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bot's {@code my-registrations} action ({@code 我的报名}): the sender's registrations, newest first,
 * with codes and status (names masked for phone numbers; never a phone number).
 */
@ApplicationScoped
class OwnRegistrations implements DialogueAction {

    /** At most this many registrations in an answer. */
    static final int LIMIT = 10;

    @Inject
    RegistrationQueries queries;

    @Override
    public String name() {
        return "my-registrations";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of(
                "none",
                Map.of(),
                "list",
                Map.of(
                        "registrations",
                        List.of(Map.of(
                                "eventCode", "JIEWU-2026",
                                "eventTitle", "街舞公益课堂",
                                "participant", "王小明",
                                "code", "ABCD2345",
                                "status", "registered"))));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        List<RegistrationQueries.Own> mine =
                queries.own(ctx.message().channelKey(), ctx.message().senderId(), LIMIT);
        if (mine.isEmpty()) {
            return Outcome.of("none");
        }
        List<Map<String, Object>> rows = mine.stream()
                .map(o -> Map.<String, Object>of(
                        "eventCode", o.eventCode(),
                        "eventTitle", o.eventTitle(),
                        "participant", o.participantName(),
                        "code", o.code(),
                        "status", o.status()))
                .toList();
        return Outcome.of("list", Map.of("registrations", rows));
    }
}
