package io.tongxin.event.reminder;

import io.quarkus.scheduler.Scheduled;
import io.tongxin.event.EventConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Every {@code tongxin.event.reminders-every} on every instance: fires due reminders batch after
 * batch ({@link ReminderDispatcher#fireDue}), then the organizers' digest when its time has come
 * ({@link OrganizerDigest#sendIfDue}). Safe with several instances (SKIP LOCKED claims, the digest's
 * idempotency key); the work is in those services.
 */
@ApplicationScoped
class ReminderScheduler {

    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class);

    @Inject
    ReminderDispatcher dispatcher;

    @Inject
    OrganizerDigest digest;

    @Inject
    EventConfig config;

    @Scheduled(
            identity = "event-reminders",
            every = "${tongxin.event.reminders-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        long t0 = System.nanoTime();
        int total = 0;
        int claimed;
        do {
            claimed = dispatcher.fireDue();
            total += claimed;
        } while (claimed >= config.reminderBatch());
        if (total > 0) {
            LOG.infof("reminders: %d due rows handled in %d ms", total, (System.nanoTime() - t0) / 1_000_000);
        }
        digest.sendIfDue();
    }
}
