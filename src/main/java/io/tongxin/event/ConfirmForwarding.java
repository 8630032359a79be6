package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;

/**
 * The bot's {@code confirm-forwarded} action ({@code 已转发 <event>}, no @-mention needed in a group):
 * a workstation's head, or a group bound to a community or workstation, confirms it passed the
 * invitation on. An unknown event in a group that did not address the bot is left unanswered (it may
 * be ordinary chatter). A dry run records nothing.
 */
@ApplicationScoped
class ConfirmForwarding implements DialogueAction {

    @Inject
    Confirmations confirmations;

    @Override
    public String name() {
        return "confirm-forwarded";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("event");
    }

    @Override
    public Set<String> required() {
        return Set.of("event");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of(
                "confirmed", Map.of("units", "协商议事会", "title", "街舞公益课堂"),
                "not-a-unit", Map.of("title", "街舞公益课堂"),
                "not-open", Map.of("title", "街舞公益课堂", "status", "draft"),
                "no-such-event", Map.of("event", "JIEWU-2026"));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        String event = args.get("event");
        Confirmations.Forwarded f = confirmations.confirmInChat(
                ctx.message().channelKey(), ctx.message().chatId(), ctx.member(), event, ctx.dryRun());
        return switch (f.answer()) {
            case NO_SUCH_EVENT ->
                ctx.addressed() ? Outcome.of("no-such-event", Map.of("event", event)) : Outcome.silent();
            case NOT_OPEN ->
                Outcome.of(
                        "not-open",
                        Map.of(
                                "title",
                                f.eventTitle(),
                                "status",
                                f.eventStatus().wire()));
            case NOT_A_UNIT -> Outcome.of("not-a-unit", Map.of("title", f.eventTitle()));
            case CONFIRMED -> {
                ctx.effect(name(), Map.of("event", event, "units", f.units()));
                yield Outcome.of("confirmed", Map.of("units", String.join("、", f.units()), "title", f.eventTitle()));
            }
        };
    }
}
