package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.MemberInfo;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bot's {@code check-in} action ({@code 签到 <code>} or {@code 签到 <event> <code>}), for organizers
 * (the script's scope): checks the participant in to the session running now, or the next one later
 * today. A bare code is looked up among the published events; found in several, the event is asked
 * for. A dry run records nothing.
 */
@ApplicationScoped
class CheckInByChat implements DialogueAction {

    @Inject
    AttendanceRecords attendance;

    @Inject
    RegistrationQueries queries;

    @Override
    public String name() {
        return "check-in";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("event", "code");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Object> done = Map.of("participant", "王小明", "code", "ABCD2345", "session", 1);
        return Map.of(
                "checked-in", done,
                "already-checked-in", done,
                "usage", Map.of(),
                "unknown-code", Map.of("code", "ABCD2345"),
                "ambiguous-code", Map.of("code", "ABCD2345", "events", List.of("JIEWU-2026", "JIEWU-2027")),
                "unknown-event", Map.of("event", "JIEWU-2026"),
                "no-session-now", Map.of(),
                "cannot-check-in", Map.of("detail", "registration ABCD2345 is waitlisted"));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        if (args.get("code") == null) {
            return Outcome.of("usage");
        }
        String code = args.get("code").toUpperCase(Locale.ROOT);
        String event = args.get("event");
        if (event == null) {
            List<String> events = queries.eventsWithLiveCode(code);
            if (events.isEmpty()) {
                return Outcome.of("unknown-code", Map.of("code", code));
            }
            if (events.size() > 1) {
                return Outcome.of("ambiguous-code", Map.of("code", code, "events", events));
            }
            event = events.get(0);
        }
        try {
            String by = "chat:" + ctx.member().map(MemberInfo::code).orElse("?");
            CheckIn c = ctx.dryRun()
                    ? attendance.wouldCheckIn(event, code, null)
                    : attendance.checkIn(event, code, null, by);
            ctx.effect(name(), Map.of("event", event, "code", c.registrationCode(), "session", c.session()));
            return Outcome.of(
                    c.alreadyCheckedIn() ? "already-checked-in" : "checked-in",
                    Map.of("participant", c.participantName(), "code", c.registrationCode(), "session", c.session()));
        } catch (DomainException e) {
            return switch (e.kind()) {
                case NOT_FOUND ->
                    e.getMessage().startsWith("event")
                            ? Outcome.of("unknown-event", Map.of("event", event))
                            : Outcome.of("unknown-code", Map.of("code", code));
                case INVALID_FIELD -> Outcome.of("no-session-now");
                default -> Outcome.of("cannot-check-in", Map.of("detail", e.getMessage()));
            };
        }
    }
}
