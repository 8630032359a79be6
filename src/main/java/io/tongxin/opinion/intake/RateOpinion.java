package io.tongxin.opinion.intake;

import io.tongxin.audit.Audit;
import io.tongxin.dialogue.ActionContext;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.OpinionAction;
import io.tongxin.opinion.OpinionActionRequest;
import io.tongxin.opinion.OpinionQueries;
import io.tongxin.opinion.OpinionService;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rate-opinion}: the reporter's 1–5 rates (and closes) their resolved opinion. Without a
 * {@code number} (a bare {@code 5}, the answer to the resolved notice's rating request): the most
 * recently resolved opinion the sender reported in this chat; a bare digit in a group without an
 * @-mention counts only within {@code tongxin.intake.rating-window} of the resolution, and with
 * nothing to rate the action passes (the digit was chatter, or for another script). With a number
 * ({@code 评价 2026-000123 5}): that opinion, only if the sender reported it and it awaits a rating.
 * In the inbox transaction, so a retried message never rates twice.
 */
@ApplicationScoped
public class RateOpinion implements DialogueAction {

    @Inject
    IntakeConfig config;

    @Inject
    OpinionQueries queries;

    @Inject
    OpinionService opinions;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "rate-opinion";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("rating", "number");
    }

    @Override
    public Set<String> required() {
        return Set.of("rating");
    }

    @Override
    public Map<String, Map<String, Object>> outcomes() {
        return Map.of(
                "rated", Map.of("number", "2026-000123", "rating", 5), "cannot-rate", Map.of("number", "2026-000123"));
    }

    @Override
    public Outcome run(ActionContext ctx, Map<String, String> args) {
        int rating;
        try {
            rating = Integer.parseInt(args.get("rating").strip());
        } catch (NumberFormatException e) {
            return Outcome.pass();
        }
        if (rating < 1 || rating > 5) {
            return Outcome.pass();
        }
        InboundMessage m = ctx.message();
        Optional<String> number;
        boolean named = args.containsKey("number");
        if (named) {
            String n = ChatOpinions.number(args.get("number"));
            if (n == null || !queries.awaitsRatingFrom(n, m.channelKey(), m.senderId())) {
                return Outcome.of("cannot-rate", Map.of("number", n == null ? args.get("number") : n));
            }
            number = Optional.of(n);
        } else {
            Instant after = ctx.addressed() ? null : clock.instant().minus(config.ratingWindow());
            number = queries.awaitingRating(m.channelKey(), m.chatId(), m.senderId(), after);
            if (number.isEmpty()) {
                return Outcome.pass();
            }
        }
        if (ctx.dryRun()) {
            ctx.effect(name(), Map.of("dryRun", true, "number", number.get(), "rating", rating));
            return rated(number.get(), rating);
        }
        try {
            opinions.actInChat(
                    number.get(),
                    OpinionAction.CLOSE,
                    new OpinionActionRequest(null, null, null, null, rating, null),
                    Actor.organizer("bot"),
                    Audit.ChatActor.resident(m.channelKey(), m.senderId(), m.chatId()));
        } catch (DomainException | ProblemException e) {
            // rated meanwhile
            return named ? Outcome.of("cannot-rate", Map.of("number", number.get())) : Outcome.pass();
        }
        ctx.effect(name(), Map.of("number", number.get(), "rating", rating));
        return rated(number.get(), rating);
    }

    private static Outcome rated(String number, int rating) {
        return Outcome.of("rated", Map.of("number", number, "rating", rating));
    }
}
