package io.tongxin.media;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.shared.Batches;
import io.tongxin.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Every {@code tongxin.media.sweep-every}: attaches items that missed their report (processed at the
 * same moment as it, on another worker), then deletes unattached items older than the attach window
 * plus {@code tongxin.media.unattached-margin} (residents' group photos are kept no longer than it
 * takes to see whether they belong to a report). Attached items live as long as their opinion
 * (deleted with it by the foreign key). Safe with several instances. Counted as
 * {@code tongxin.retention.deleted{table="media_item"}}.
 */
@ApplicationScoped
public class MediaRetention {

    private static final Logger LOG = Logger.getLogger(MediaRetention.class);
    static final int BATCH = 500;

    @Inject
    MediaAttachments attachments;

    @Inject
    MeterRegistry registry;

    @Scheduled(
            identity = "media-sweep",
            every = "${tongxin.media.sweep-every:1m}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("media sweep failed, next run tries again: %s", LogText.escape(e.getMessage()));
        }
    }

    /** Runs one sweep now; returns how many unattached items were deleted. */
    public int sweep() {
        attachments.attachStragglers(BATCH);
        int total = Batches.untilShort(BATCH, () -> attachments.purgeUnattached(BATCH));
        if (total > 0) {
            registry.counter("tongxin.retention.deleted", "table", "media_item").increment(total);
            LOG.infof("deleted %d unattached media items", total);
        }
        return total;
    }
}
