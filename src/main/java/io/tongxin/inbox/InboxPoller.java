package io.tongxin.inbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Triggers {@link InboxProcessor#drain()}; the work and its rules live there. */
@ApplicationScoped
public class InboxPoller {

    @Inject
    InboxProcessor processor;

    @Scheduled(every = "${tongxin.inbox.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        while (processor.drain() > 0) {
            // keep going while a full batch may be waiting
        }
    }
}
