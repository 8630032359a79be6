package io.tongxin.outbox;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Triggers the dispatcher on every instance; the work is in {@link OutboxDispatcher}. */
@ApplicationScoped
class OutboxScheduler {

    @Inject
    OutboxDispatcher dispatcher;

    @Scheduled(
            identity = "outbox-dispatch",
            every = "${tongxin.outbox.poll-interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void dispatch() {
        dispatcher.drain();
    }

    /** Skips the trigger when {@code tongxin.outbox.enabled=false}. */
    @Singleton
    static class Disabled implements Scheduled.SkipPredicate {

        @Inject
        OutboxConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
