package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.inbox.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's {@code cancel-registration} action ({@code 取消报名 <code>}): cancels one of the sender's
 * own registrations, found by the sender's chat identity (freed places go to the waitlist). A dry run
 * only finds it.
 */
@ApplicationScoped
class CancelRegistrationByChat implements DialogueAction {

    @Inject
    RegistrationService registrations;

    @Inject
    RegistrationQueries queries;

    @Override
    public String name() {
        return "cancel-registration";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("code");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of(
                "cancelled", Map.of("code", "ABCD2345", "participant", "王小明"),
                "not-yours", Map.of("code", "ABCD2345"),
                "usage", Map.of());
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        if (args.get("code") == null) {
            return Outcome.of("usage");
        }
        String code = args.get("code").toUpperCase(Locale.ROOT);
        InboundMessage m = ctx.message();
        Optional<RegistrationView> done = ctx.dryRun()
                ? queries.ownLive(m.channelKey(), m.senderId(), code)
                : registrations.cancelOwn(m.channelKey(), m.senderId(), code);
        if (done.isEmpty()) {
            return Outcome.of("not-yours", Map.of("code", code));
        }
        ctx.effect(name(), Map.of("event", done.get().eventCode(), "code", code));
        return Outcome.of(
                "cancelled", Map.of("code", code, "participant", done.get().participantName()));
    }
}
