package io.tongxin.opinion.intake;

import io.tongxin.dialogue.Outcome;
import io.tongxin.opinion.OpinionAction;
import io.tongxin.opinion.OpinionView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code transfer-opinion}: a member's {@code 转交 2026-000123 <reason>}: routed again without them
 * (same rules, capacity and leave respected), the reason in the history. When nobody else can take
 * it the answer is {@code no-one}.
 */
@ApplicationScoped
public class TransferOpinion extends MemberOpinionCommand {

    private static final Set<String> OPEN = Set.of("assigned", "acknowledged", "in_progress");

    @Override
    public String name() {
        return "transfer-opinion";
    }

    @Override
    OpinionAction action() {
        return OpinionAction.TRANSFER;
    }

    @Override
    Set<String> outcomeNames() {
        Set<String> names = new HashSet<>(super.outcomeNames());
        names.add("no-one");
        return names;
    }

    @Override
    Outcome cannot(String number, OpinionView now) {
        if (now != null && OPEN.contains(now.status())) {
            return Outcome.of("no-one", vars(number, now));
        }
        return super.cannot(number, now);
    }
}
