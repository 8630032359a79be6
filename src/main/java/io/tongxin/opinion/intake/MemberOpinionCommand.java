package io.tongxin.opinion.intake;

import io.tongxin.audit.Audit;
import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.directory.MemberInfo;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.OpinionAction;
import io.tongxin.opinion.OpinionActionRequest;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionService;
import io.tongxin.opinion.OpinionView;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ProblemException;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A committee member's command on one of their opinions ({@code 收到 2026-000123}, {@code 备注 …},
 * {@code 办结 …}, {@code 转交 …}), run as the member with exactly the rules of
 * {@code POST /api/opinions/{number}/{action}} for a member token, in the inbox transaction of the
 * message (a retried message never applies it twice). A refusal is answered with its reason and
 * changes nothing: {@code not-found}, {@code not-yours}, {@code cannot} (the opinion's {@code status}
 * does not allow it; {@code hint} {@code ack-first} or {@code merged}), {@code failed}; a repeat of
 * what already took effect (a second 收到) answers {@code done} again. Every outcome gets the same
 * variables: {@code number}, {@code due} (the resolve deadline, {@code MM-dd HH:mm}), {@code assignee}
 * (the assignee's name after the action), {@code who} (as 王委员), {@code status}, {@code hint},
 * {@code mergedInto}.
 */
abstract class MemberOpinionCommand implements DialogueAction {

    /** Notes, summaries and reasons are kept to the API's 2000 characters. */
    static final int MAX_NOTE = 2000;

    @Inject
    OpinionService opinions;

    @Inject
    OpinionQueries queries;

    @Inject
    ChatOpinions chat;

    /** The opinion action the command performs. */
    abstract OpinionAction action();

    /** The statuses in which a repeat of the command answers as done. */
    Set<String> alreadyDone() {
        return Set.of();
    }

    /** Whether the command needs the words after the number (the note, the result, the reason). */
    boolean needsText() {
        return action() != OpinionAction.ACKNOWLEDGE;
    }

    @Override
    public Set<String> parameters() {
        return needsText() ? Set.of("number", "text") : Set.of("number");
    }

    @Override
    public Set<String> required() {
        return Set.of("number");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        Map<String, Object> sample = vars("2026-000123", null);
        sample.put("due", "11-29 08:24");
        sample.put("assignee", "李红");
        sample.put("who", "李委员");
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (String o : outcomeNames()) {
            out.put(o, sample);
        }
        return out;
    }

    Set<String> outcomeNames() {
        return needsText()
                ? Set.of("done", "need-text", "not-found", "not-yours", "cannot", "failed")
                : Set.of("done", "not-found", "not-yours", "cannot", "failed");
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        Optional<MemberInfo> member = ctx.member();
        String number = ChatOpinions.number(args.get("number"));
        if (member.isEmpty() || number == null) {
            return Outcome.pass();
        }
        String text = ChatOpinions.cut(args.get("text"), MAX_NOTE);
        if (needsText() && text.isEmpty()) {
            return Outcome.of("need-text", vars(number, null));
        }
        if (ctx.dryRun()) {
            return dryRun(ctx, member.get(), number, text);
        }
        try {
            OpinionView v = opinions.actInChat(
                    number,
                    action(),
                    new OpinionActionRequest(text.isEmpty() ? null : text, null, null, null, null, null),
                    Actor.member(member.get().code()),
                    Audit.ChatActor.member(
                            member.get().code(),
                            ctx.message().channelKey(),
                            ctx.message().chatId()));
            ctx.effect(name(), Map.of("number", number, "action", action().wire()));
            return Outcome.of("done", vars(number, v));
        } catch (DomainException e) {
            return refused(member.get(), number, e);
        } catch (ProblemException e) {
            return Outcome.of("failed", vars(number, null)); // a refusal from another feature, nothing written
        }
    }

    /** The playground: the member's own opinion gets a realistic answer, nothing is changed. */
    private Outcome dryRun(ActionContext ctx, MemberInfo member, String number, String text) {
        Optional<OpinionView> v = queries.find(number);
        if (v.isEmpty()) {
            return Outcome.of("not-found", vars(number, null));
        }
        if (v.get().assignee() == null
                || !member.code().equals(v.get().assignee().code())) {
            return Outcome.of("not-yours", vars(number, v.get()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dryRun", true);
        details.put("number", number);
        details.put("action", action().wire());
        details.put("text", text);
        ctx.effect(name(), details);
        return Outcome.of("done", vars(number, v.get()));
    }

    private Outcome refused(MemberInfo member, String number, DomainException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> Outcome.of("not-found", vars(number, null));
            case NOT_ALLOWED -> Outcome.of("not-yours", vars(number, null));
            case ILLEGAL_TRANSITION, CONFLICT -> {
                Optional<OpinionView> now = queries.find(number);
                if (now.isPresent()
                        && alreadyDone().contains(now.get().status())
                        && now.get().assignee() != null
                        && member.code().equals(now.get().assignee().code())) {
                    yield Outcome.of("done", vars(number, now.get()));
                }
                yield cannot(number, now.orElse(null));
            }
            case INVALID_FIELD -> Outcome.of("failed", vars(number, null));
        };
    }

    /** The opinion's state does not allow the command. */
    Outcome cannot(String number, OpinionView now) {
        Map<String, Object> vars = vars(number, now);
        String status = now == null ? "" : now.status();
        if ("assigned".equals(status) && action() == OpinionAction.RESOLVE) {
            vars.put("hint", "ack-first");
        } else if ("merged".equals(status) && now.mergedInto() != null) {
            vars.put("hint", "merged");
        }
        return Outcome.of("cannot", vars);
    }

    Map<String, Object> vars(String number, OpinionView v) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("number", number);
        vars.put("due", v == null ? "" : chat.time(v.resolveDueAt()));
        vars.put(
                "assignee",
                v == null || v.assignee() == null ? "" : v.assignee().name());
        vars.put("who", v == null ? "" : ChatOpinions.who(v));
        vars.put("status", v == null ? "" : v.status());
        vars.put("hint", "");
        vars.put("mergedInto", v == null || v.mergedInto() == null ? "" : v.mergedInto());
        return vars;
    }
}
