package io.tongxin.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.LocalTime;

/** Events: meetings, classes, announcements, their invitations, registrations and reminders. */
@ConfigMapping(prefix = "tongxin.event")
public interface EventConfig {

    /** How long a workstation or council has to confirm it passed an invitation on before it is nudged (once). */
    @WithName("confirm-within")
    @WithDefault("PT24H")
    Duration confirmWithin();

    /** Share of a class's sessions a participant must have attended for a certificate (0..1). */
    @WithName("certificate-share")
    @WithDefault("0.8")
    double certificateShare();

    /** When the organizers' daily digest of tomorrow's sessions is sent, in {@code tongxin.zone}. */
    @WithName("digest-at")
    @WithDefault("18:00")
    LocalTime digestAt();

    /** How often due reminders are claimed ({@code off} disables the job, e.g. in tests). */
    @WithName("reminders-every")
    @WithDefault("10s")
    String remindersEvery();

    /** Due reminders claimed per transaction. */
    @WithName("reminder-batch")
    @WithDefault("500")
    int reminderBatch();

    /**
     * How often the follow-up pass runs (nudging units that have not confirmed and invitees who have
     * not answered, escalating to the organizers, finishing events whose last session ended);
     * {@code off} disables the job, e.g. in tests.
     */
    @WithName("follow-up-every")
    @WithDefault("60s")
    String followUpEvery();

    /** Confirmations, invitees or events claimed per follow-up transaction. */
    @WithName("follow-up-batch")
    @WithDefault("200")
    int followUpBatch();
}
