package io.tongxin.event;

import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.directory.ResidentInfo;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bot's {@code sign-up} action ({@code bot-scripts/event-sign-up.yaml}): signs the participant up
 * for the event. In a group bound to a community the sign-up is for that community; the registrant is
 * the resident the sender is (found or created from the chat identity), and the registration keeps the
 * chat identity so promotions and reminders reach them. A dry run creates no resident, draws no code
 * and writes nothing.
 */
@ApplicationScoped
class SignUpByChat implements DialogueAction {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The outcomes of an event that takes no sign-ups now, shared with {@link CheckSignUp}. */
    static final Map<String, Map<String, Object>> REFUSALS = Map.of(
            "not-open-yet", Map.of("title", "街舞公益课堂", "at", "2026-12-01 09:00"),
            "closed", Map.of("title", "街舞公益课堂", "at", "2026-12-01 09:00"),
            "event-cancelled", Map.of("title", "街舞公益课堂"),
            "finished", Map.of("title", "街舞公益课堂"),
            "no-registration", Map.of("title", "街舞公益课堂"),
            "unknown-event", Map.of("event", "JIEWU-2026"));

    /** What a dry run shows for the code a sign-up would get. */
    static final String DRY_RUN_CODE = "XXXXXXXX";

    @Inject
    Directory directory;

    @Inject
    RegistrationService registrations;

    @Inject
    ZoneId zone;

    @Override
    public String name() {
        return "sign-up";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("event", "name", "age");
    }

    @Override
    public Set<String> required() {
        return Set.of("event", "name");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Object> reg = Map.of("participant", "王小明", "title", "街舞公益课堂", "code", "ABCD2345");
        Map<String, Map<String, Object>> o = new LinkedHashMap<>(REFUSALS);
        o.put("signed-up", reg);
        o.put("waitlisted", reg);
        Map<String, Object> again = new HashMap<>(reg);
        again.put("waitlisted", false);
        o.put("already-signed-up", again);
        o.put("invalid-age", Map.of("max", NewRegistration.MAX_AGE));
        o.put("invalid-name", Map.of());
        o.put("usage", Map.of());
        o.put("invalid", Map.of("field", "note", "detail", "must be at most 500 characters"));
        return o;
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        InboundMessage m = ctx.message();
        String event = args.get("event");
        Integer age = age(args.get("age"));
        String community = community(m);
        try {
            // the fields are checked first, so a bad age does not leave a new resident behind
            NewRegistration r = new NewRegistration(
                    args.get("name"),
                    community,
                    null,
                    age,
                    null,
                    new NewRegistration.Signer(m.channelKey(), m.senderId(), m.chatId()));
            SignUp outcome;
            if (ctx.dryRun()) {
                String resident = directory
                        .findResidentByIdentity(m.channelKey(), m.senderId())
                        .map(ResidentInfo::code)
                        .orElse(null);
                outcome = registrations.wouldRegister(
                        event, new NewRegistration(r.participantName(), community, resident, age, null, r.signer()));
            } else {
                ResidentInfo resident = directory.findOrCreateResident(m.channelKey(), m.senderId(), m.senderName());
                outcome = registrations.register(
                        event,
                        new NewRegistration(r.participantName(), community, resident.code(), age, null, r.signer()));
            }
            return answer(ctx, outcome, r);
        } catch (DomainException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> Outcome.of("unknown-event", Map.of("event", event));
                case INVALID_FIELD ->
                    switch (e.field()) {
                        case "age" -> Outcome.of("invalid-age", Map.of("max", NewRegistration.MAX_AGE));
                        case "participantName" -> Outcome.of("invalid-name");
                        default -> Outcome.of("invalid", Map.of("field", e.field(), "detail", e.fieldMessage()));
                    };
                default -> Outcome.of("usage");
            };
        }
    }

    private Outcome answer(ActionContext ctx, SignUp outcome, NewRegistration r) {
        if (outcome instanceof SignUp.Created created) {
            RegistrationView v = created.registration();
            String code = v.code() == null ? DRY_RUN_CODE : v.code(); // a dry run draws no code
            Map<String, Object> effect = new LinkedHashMap<>();
            effect.put("event", v.eventCode());
            effect.put("participant", v.participantName());
            effect.put("status", v.status());
            effect.put("communityCode", r.communityCode());
            effect.put("code", v.code());
            ctx.effect(name(), effect);
            return Outcome.of(
                    "waitlisted".equals(v.status()) ? "waitlisted" : "signed-up",
                    Map.of("participant", v.participantName(), "title", created.eventTitle(), "code", code));
        }
        if (outcome instanceof SignUp.AlreadySignedUp again) {
            RegistrationView v = again.registration();
            return Outcome.of(
                    "already-signed-up",
                    Map.of(
                            "participant",
                            v.participantName(),
                            "title",
                            again.eventTitle(),
                            "code",
                            v.code(),
                            "waitlisted",
                            "waitlisted".equals(v.status())));
        }
        return refused((SignUp.Refused) outcome, zone);
    }

    /** The outcome of an event that takes no sign-ups now. */
    static Outcome refused(SignUp.Refused r, ZoneId zone) {
        String at = r.at() == null ? "" : WHEN.format(r.at().atZone(zone));
        return switch (r.closure()) {
            case NOT_OPEN_YET -> Outcome.of("not-open-yet", Map.of("title", r.eventTitle(), "at", at));
            case CLOSED -> Outcome.of("closed", Map.of("title", r.eventTitle(), "at", at));
            case CANCELLED -> Outcome.of("event-cancelled", Map.of("title", r.eventTitle()));
            case FINISHED -> Outcome.of("finished", Map.of("title", r.eventTitle()));
            case NOT_PUBLISHED, NOT_FOR_REGISTRATION -> Outcome.of("no-registration", Map.of("title", r.eventTitle()));
        };
    }

    /** The community a group is bound to: a sign-up there is for it. */
    private String community(InboundMessage m) {
        if (!m.inGroup()) {
            return null;
        }
        return directory
                .findGroupByChat(m.channelKey(), m.chatId())
                .map(GroupInfo::communityCode)
                .orElse(null);
    }

    /** The age as written ({@code 9}, {@code 9岁}), or null when none is given. */
    static Integer age(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() || digits.length() > 3 ? null : Integer.valueOf(digits);
    }
}
