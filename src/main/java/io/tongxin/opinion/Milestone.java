package io.tongxin.opinion;

import java.time.Instant;

/** A due SLA step of an opinion's phase ({@link Opinion#milestones}): reminders, escalations and the auto-close. */
public enum Milestone {
    REMIND_HALF,
    REMIND_LATE,
    ESCALATE_HEAD,
    ESCALATE_ORGANIZERS,
    AUTO_CLOSE;

    public boolean reminder() {
        return this == REMIND_HALF || this == REMIND_LATE;
    }

    public Due at(Instant at) {
        return new Due(this, at);
    }

    /** A milestone and when it is due. */
    public record Due(Milestone milestone, Instant at) {}
}
