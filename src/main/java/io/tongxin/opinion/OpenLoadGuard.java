package io.tongxin.opinion;

import io.tongxin.opinion.routing.MemberLoads;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.util.Objects;

/**
 * Keeps the members' open loads ({@link MemberLoads}) honest: an opinion whose open assignee (its
 * assignee while it is assigned, acknowledged or in progress) changed is written only after the load
 * moved with it ({@link OpinionService} does so right after each state change). A path that changed
 * the state without it fails loudly here, in its tests, instead of letting a member's load drift.
 */
public class OpenLoadGuard {

    /** The member whose open load this opinion is part of now: its assignee while open, else none. */
    static String openAssignee(Opinion o) {
        return o.status != null && o.status.open() ? o.assigneeCode : null;
    }

    @PostLoad
    void loaded(Opinion o) {
        o.countedAssignee = openAssignee(o);
    }

    @PrePersist
    @PreUpdate
    void writing(Opinion o) {
        String now = openAssignee(o);
        if (!Objects.equals(o.countedAssignee, now)) {
            throw new IllegalStateException("opinion " + o.number + ": its open assignee changed from "
                    + o.countedAssignee + " to " + now + " without moving the members' open loads");
        }
    }
}
