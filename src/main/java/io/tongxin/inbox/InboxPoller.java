package io.tongxin.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Triggers {@link InboxBatches#drain()} and {@link InboxProcessor#sweepPendingReplies()}; the work and
 * its rules live there.
 */
@ApplicationScoped
public class InboxPoller {

    private static final Logger LOG = Logger.getLogger(InboxPoller.class);

    @Inject
    InboxBatches batches;

    @Inject
    InboxProcessor processor;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            every = "${tongxin.inbox.poll-interval:2s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            while (!stopping && batches.drain() > 0) {
                // keep going while a full batch may be waiting
            }
            while (!stopping && processor.sweepPendingReplies() > 0) {
                // replies an instance committed for its webhook's answer and died before giving
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                // e.g. the database is briefly unreachable: the rows stay due and the next poll tries again
                LOG.warnf("inbox poll failed: %s", LogText.escape(e.getMessage()));
            }
        }
    }
}
