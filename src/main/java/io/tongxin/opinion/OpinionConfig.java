package io.tongxin.opinion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Opinion SLAs and lifecycle settings (prefix {@code tongxin.opinion}, env {@code TONGXIN_OPINION_*}). */
@ConfigMapping(prefix = "tongxin.opinion")
public interface OpinionConfig {

    /** Time to acknowledge an urgent opinion (env {@code TONGXIN_OPINION_ACK_URGENT}). */
    @WithDefault("PT2H")
    Duration ackUrgent();

    /** Time to acknowledge a normal opinion (env {@code TONGXIN_OPINION_ACK_NORMAL}). */
    @WithDefault("PT24H")
    Duration ackNormal();

    /** Time to resolve a normal opinion, from its first assignment (env {@code TONGXIN_OPINION_RESOLVE_NORMAL}). */
    @WithDefault("P7D")
    Duration resolveNormal();

    /** Time to resolve a complex opinion (env {@code TONGXIN_OPINION_RESOLVE_COMPLEX}). */
    @WithDefault("P15D")
    Duration resolveComplex();

    /**
     * After escalating a breach to the workstation head, how long before escalating to the organizers
     * (督办). Unset: one more acknowledge window of the opinion's urgency (2 h urgent, 24 h normal).
     */
    java.util.Optional<Duration> organizerEscalationAfter();

    /** A resolved opinion closes by itself this long after resolution (env {@code TONGXIN_OPINION_AUTO_CLOSE_AFTER}). */
    @WithDefault("P7D")
    Duration autoCloseAfter();

    /** How long after resolution the reporter may still reopen (env {@code TONGXIN_OPINION_REOPEN_WITHIN}). */
    @WithDefault("P7D")
    Duration reopenWithin();

    /**
     * How often the SLA job looks for due reminders, escalations and auto-closes, e.g. {@code 60s};
     * {@code off} disables it (env {@code TONGXIN_OPINION_SLA_CHECK_EVERY}).
     */
    @WithDefault("60s")
    String slaCheckEvery();

    /** How many due opinions one SLA pass claims at most. */
    @WithDefault("200")
    int slaBatchSize();

    /**
     * The chat group (by code, see {@code /api/groups}) where organizer notices (督办 escalations) go,
     * e.g. the committee office's group. Unset: the groups bound to the opinion's workstation
     * (env {@code TONGXIN_OPINION_ORGANIZER_GROUP}).
     */
    java.util.Optional<String> organizerGroup();

    default Duration ackWindow(boolean urgent) {
        return urgent ? ackUrgent() : ackNormal();
    }

    default Duration resolveWindow(boolean complex) {
        return complex ? resolveComplex() : resolveNormal();
    }

    default Duration organizerEscalationAfter(boolean urgent) {
        return organizerEscalationAfter().orElse(ackWindow(urgent));
    }
}
