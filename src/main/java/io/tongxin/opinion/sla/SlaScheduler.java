package io.tongxin.opinion.sla;

import io.quarkus.scheduler.Scheduled;
import io.tongxin.opinion.OpinionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Triggers the opinion SLA pass (reminders, escalations, auto-close) every
 * {@code tongxin.opinion.sla-check-every}. Safe with several instances: the pass claims due
 * opinions with {@code FOR UPDATE SKIP LOCKED}. The work is {@link SlaEngine#runSla}.
 */
@ApplicationScoped
public class SlaScheduler {

    private static final Logger LOG = Logger.getLogger(SlaScheduler.class);

    @Inject
    SlaEngine sla;

    @Inject
    OpinionConfig config;

    @Scheduled(
            identity = "opinion-sla",
            every = "${tongxin.opinion.sla-check-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        int handled;
        do {
            handled = sla.runSla();
            if (handled > 0) {
                LOG.debugf("SLA pass handled %d opinions", handled);
            }
        } while (handled >= config.slaBatchSize());
    }
}
