package io.tongxin.opinion.intake;

import io.tongxin.opinion.OpinionAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code resolve-opinion}: a member's {@code 办结 2026-000123 <result>}; the result goes to the
 * reporter with the rating request. A repeat answers as done.
 */
@ApplicationScoped
public class ResolveOpinion extends MemberOpinionCommand {

    @Override
    public String name() {
        return "resolve-opinion";
    }

    @Override
    OpinionAction action() {
        return OpinionAction.RESOLVE;
    }

    @Override
    Set<String> alreadyDone() {
        return Set.of("resolved", "closed");
    }
}
