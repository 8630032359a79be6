package io.tongxin.opinion.intake;

import io.tongxin.opinion.OpinionAction;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code note-opinion}: a member's {@code 备注 2026-000123 <note>} (the first note moves it to in progress). */
@ApplicationScoped
public class NoteOpinion extends MemberOpinionCommand {

    @Override
    public String name() {
        return "note-opinion";
    }

    @Override
    OpinionAction action() {
        return OpinionAction.NOTE;
    }
}
