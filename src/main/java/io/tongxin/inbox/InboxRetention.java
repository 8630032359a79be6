package io.tongxin.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.shared.Batches;
import io.tongxin.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Deletes processed inbox messages older than {@code tongxin.inbox.keep-processed}, every
 * {@code tongxin.inbox.purge-every}, in batches of {@value #BATCH}. Failed, pending and retrying
 * messages stay. Also forgets plaintext-mode signatures older than the clock-skew window
 * ({@link ReplayGuard}). Safe with several instances (deleting a row twice deletes it once). Counted as
 * {@code tongxin.retention.deleted{table="inbox_message"}}.
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class);
    static final int BATCH = 1000;

    @Inject
    InboxWork store;

    @Inject
    InboxConfig config;

    @Inject
    ReplayGuard replays;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Scheduled(
            identity = "inbox-retention",
            every = "${tongxin.inbox.purge-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("inbox purge failed, next run tries again: %s", LogText.escape(e.getMessage()));
        }
    }

    /** Runs one purge now; returns how many messages were deleted. */
    public int purge() {
        java.time.Instant before = clock.instant().minus(config.keepProcessed());
        replays.purge();
        int total = Batches.untilShort(BATCH, () -> store.purgeProcessed(before, BATCH));
        if (total > 0) {
            registry.counter("tongxin.retention.deleted", "table", "inbox_message")
                    .increment(total);
            LOG.infof("deleted %d processed inbox messages received before %s", total, before);
        }
        return total;
    }
}
