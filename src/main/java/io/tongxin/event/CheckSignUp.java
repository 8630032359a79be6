package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's {@code check-sign-up} step, before a sign-up asks anything: {@code usage} when the event
 * is missing, or the name in a group (no multi-step dialogue in a busy group); the event's refusal
 * when it does not exist or takes no sign-ups now (so a resident is not asked for a name in vain);
 * else {@code open}. A line that names the participant but no age is complete: the age slot is filled
 * with nothing, so the flow does not ask for it.
 */
@ApplicationScoped
class CheckSignUp implements DialogueAction {

    @Inject
    RegistrationService registrations;

    @Inject
    ZoneId zone;

    @Override
    public String name() {
        return "check-sign-up";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("event", "name", "age");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Map<String, Object>> o = new LinkedHashMap<>(SignUpByChat.REFUSALS);
        o.put("usage", Map.of());
        o.put("open", Map.of());
        return o;
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        String event = args.get("event");
        String name = args.get("name");
        if (event == null || ctx.message().inGroup() && name == null) {
            return Outcome.of("usage");
        }
        try {
            Optional<SignUp.Refused> closed = registrations.closedNow(event);
            if (closed.isPresent()) {
                return SignUpByChat.refused(closed.get(), zone);
            }
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                return Outcome.of("unknown-event", Map.of("event", event));
            }
            throw e;
        }
        Map<String, String> slots = name != null && args.get("age") == null ? Map.of("age", "") : Map.of();
        return new Outcome("open", Map.of(), slots);
    }
}
