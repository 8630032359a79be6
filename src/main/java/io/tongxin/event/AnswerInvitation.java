package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An invited member's answer by chat, no @-mention needed in a group: {@code attend-event}
 * ({@code 参加 <event>}) and {@code ask-for-leave} ({@code 请假 <event> <reason>}). The member is the
 * verified sender's. An unknown event, or a sender who is no member, in a group that did not address
 * the bot is left unanswered (it may be ordinary chatter). A dry run records nothing.
 */
abstract class AnswerInvitation implements DialogueAction {

    @Inject
    Invitations invitations;

    abstract Rsvp answer();

    /** The outcome of a recorded answer. */
    abstract String recorded();

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Map<String, Object>> o = new LinkedHashMap<>();
        o.put(recorded(), Map.of("title", "协商议事会：老旧小区加装电梯"));
        o.put("not-invited", Map.of("title", "协商议事会：老旧小区加装电梯"));
        o.put("not-open", Map.of("title", "协商议事会：老旧小区加装电梯", "status", "draft"));
        o.put("no-such-event", Map.of("event", "mt-2026"));
        return o;
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        String event = args.get("event");
        Invitations.ChatAnswer a =
                invitations.answerInChat(ctx.member(), event, answer(), args.get("reason"), ctx.dryRun());
        boolean chatter = !ctx.addressed();
        return switch (a.answer()) {
            case NO_SUCH_EVENT -> chatter ? Outcome.silent() : Outcome.of("no-such-event", Map.of("event", event));
            case NOT_INVITED ->
                chatter && ctx.member().isEmpty()
                        ? Outcome.silent()
                        : Outcome.of("not-invited", Map.of("title", a.eventTitle()));
            case NOT_OPEN ->
                Outcome.of(
                        "not-open",
                        Map.of(
                                "title",
                                a.eventTitle(),
                                "status",
                                a.eventStatus().wire()));
            case NEEDS_REASON -> Outcome.of("needs-reason", Map.of("event", event));
            case RECORDED -> {
                ctx.effect(name(), Map.of("event", event, "rsvp", answer().wire()));
                yield Outcome.of(recorded(), Map.of("title", a.eventTitle()));
            }
        };
    }

    /** {@code 参加 <event>}. */
    @ApplicationScoped
    static class Attend extends AnswerInvitation {

        @Override
        public String name() {
            return "attend-event";
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
        Rsvp answer() {
            return Rsvp.ATTENDING;
        }

        @Override
        String recorded() {
            return "attending";
        }
    }

    /** {@code 请假 <event> <reason>}: the reason is required. */
    @ApplicationScoped
    static class Leave extends AnswerInvitation {

        @Override
        public String name() {
            return "ask-for-leave";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("event", "reason");
        }

        @Override
        public Set<String> required() {
            return Set.of("event");
        }

        @Override
        Rsvp answer() {
            return Rsvp.LEAVE;
        }

        @Override
        String recorded() {
            return "on-leave";
        }

        @Override
        public Map<String, Map<String, Object>> outcomes() {
            Map<String, Map<String, Object>> o = new LinkedHashMap<>(super.outcomes());
            o.put("needs-reason", Map.of("event", "mt-2026"));
            return o;
        }
    }
}
