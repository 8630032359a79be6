package io.tongxin.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.shared.Batches;
import io.tongxin.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes audit entries older than {@code tongxin.audit.retention} (3 years), every
 * {@code tongxin.audit.purge-every}, in batches of {@value #BATCH}. Safe with several instances.
 * Counted as {@code tongxin.retention.deleted{table="audit_entry"}}.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);
    static final int BATCH = 1000;

    @Inject
    AuditConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Scheduled(
            identity = "audit-retention",
            every = "${tongxin.audit.purge-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("audit purge failed, next run tries again: %s", LogText.escape(e.getMessage()));
        }
    }

    /** Runs one purge now; returns how many entries were deleted. */
    public int purge() {
        Instant before = clock.instant().minus(config.retention());
        int total = Batches.untilShort(BATCH, () -> deleteBatch(before));
        if (total > 0) {
            registry.counter("tongxin.retention.deleted", "table", "audit_entry")
                    .increment(total);
            LOG.infof("deleted %d audit entries older than %s", total, before);
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int deleteBatch(Instant before) {
        return em.createNativeQuery("delete from audit_entry where id in (select id from audit_entry"
                        + " where at < ?1 order by id limit ?2)")
                .setParameter(1, before)
                .setParameter(2, BATCH)
                .executeUpdate();
    }
}
