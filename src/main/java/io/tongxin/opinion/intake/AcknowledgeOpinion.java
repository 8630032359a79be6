package io.tongxin.opinion.intake;

import io.tongxin.opinion.OpinionAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** {@code acknowledge-opinion}: a member's {@code 收到 2026-000123}; a repeat answers as done. */
@ApplicationScoped
public class AcknowledgeOpinion extends MemberOpinionCommand {

    @Override
    public String name() {
        return "acknowledge-opinion";
    }

    @Override
    OpinionAction action() {
        return OpinionAction.ACKNOWLEDGE;
    }

    @Override
    Set<String> alreadyDone() {
        return Set.of("acknowledged", "in_progress");
    }
}
