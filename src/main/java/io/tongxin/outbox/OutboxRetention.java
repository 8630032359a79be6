package io.tongxin.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.shared.Batches;
import io.tongxin.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes sent outbox messages older than {@code tongxin.outbox.keep-sent} and dead ones older than
 * {@code tongxin.outbox.keep-dead} (with their attempts), every {@code tongxin.outbox.purge-every},
 * in batches of {@value #BATCH}. Pending and retrying messages stay. Safe with several instances.
 * Counted as {@code tongxin.retention.deleted{table="outbox_message"}}. (Rate-limit slots are pruned
 * by the rate limiter itself once they leave their window.)
 */
@ApplicationScoped
public class OutboxRetention {

    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);
    static final int BATCH = 1000;

    @Inject
    OutboxStore store;

    @Inject
    OutboxConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Scheduled(
            identity = "outbox-retention",
            every = "${tongxin.outbox.purge-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("outbox purge failed, next run tries again: %s", LogText.escape(e.getMessage()));
        }
    }

    /** Runs one purge now; returns how many messages were deleted. */
    public int purge() {
        Instant now = clock.instant();
        Instant sentBefore = now.minus(config.keepSent());
        Instant deadBefore = now.minus(config.keepDead());
        int total = Batches.untilShort(BATCH, () -> store.purge(sentBefore, deadBefore, BATCH));
        if (total > 0) {
            registry.counter("tongxin.retention.deleted", "table", "outbox_message")
                    .increment(total);
            LOG.infof("deleted %d outbox messages sent before %s or dead before %s", total, sentBefore, deadBefore);
        }
        return total;
    }
}
