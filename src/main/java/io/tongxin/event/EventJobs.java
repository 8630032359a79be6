package io.tongxin.event;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Triggers the event core's periodic work every {@code tongxin.event.follow-up-every}: the
 * confirmation and RSVP follow-up ({@link EventFollowUp}) and finishing ended events
 * ({@link EventLifecycle}). Both claim rows with SKIP LOCKED, so every instance may run it.
 */
@ApplicationScoped
public class EventJobs {

    @Inject
    EventFollowUp followUp;

    @Inject
    EventLifecycle lifecycle;

    @Inject
    EventConfig config;

    @Scheduled(
            identity = "event-follow-up",
            every = "${tongxin.event.follow-up-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        while (followUp.run() >= config.followUpBatch()) {
            // a full batch: there may be more
        }
        while (lifecycle.finishEnded() >= config.followUpBatch()) {
            // likewise
        }
    }
}
