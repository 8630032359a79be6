package io.tongxin.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tongxin.outbox.senders.SendResult;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbox metrics: {@code tongxin_outbox_backlog{status}} (pending, retrying, dead),
 * {@code tongxin_outbox_oldest_pending_age_seconds}, {@code tongxin_outbox_sends_total{sender,outcome}},
 * {@code tongxin_outbox_failures_total{sender,code}} and {@code tongxin_outbox_deferred_total}
 * (waits for a rate-limit window). The backlog gauges are refreshed from the database every
 * {@code tongxin.outbox.metrics-interval}, so they agree across instances.
 */
@ApplicationScoped
public class OutboxMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
    private final AtomicLong oldestPendingAge = new AtomicLong();
    private Counter deferred;

    @PostConstruct
    void init() {
        for (String status : new String[] {"pending", "retrying", "dead"}) {
            AtomicLong v = new AtomicLong();
            backlog.put(status, v);
            Gauge.builder("tongxin.outbox.backlog", v, AtomicLong::doubleValue)
                    .tag("status", status)
                    .description("Outbox messages by status")
                    .register(registry);
        }
        Gauge.builder("tongxin.outbox.oldest.pending.age.seconds", oldestPendingAge, AtomicLong::doubleValue)
                .description("Age of the oldest due message not yet sent")
                .register(registry);
        deferred = Counter.builder("tongxin.outbox.deferred")
                .description("Sends postponed by a rate limit")
                .register(registry);
    }

    void recorded(String sender, SendResult result) {
        registry.counter(
                        "tongxin.outbox.sends",
                        "sender",
                        sender,
                        "outcome",
                        result.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
        if (!result.isSent()) {
            registry.counter(
                            "tongxin.outbox.failures",
                            "sender",
                            sender,
                            "code",
                            result.code() == null ? "unknown" : result.code())
                    .increment();
        }
    }

    void deferred() {
        deferred.increment();
    }

    @Scheduled(
            every = "${tongxin.outbox.metrics-interval:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshTrigger() {
        refresh();
    }

    /** Reads the backlog from the database. */
    @Transactional
    public void refresh() {
        backlog.values().forEach(v -> v.set(0));
        for (Object row : em.createNativeQuery("select status, count(*) from outbox_message "
                        + "where status in ('pending', 'retrying', 'dead') group by status")
                .getResultList()) {
            Object[] r = (Object[]) row;
            AtomicLong v = backlog.get((String) r[0]);
            if (v != null) {
                v.set(((Number) r[1]).longValue());
            }
        }
        Instant now = clock.instant();
        Object oldest = em.createNativeQuery("select min(not_before) from outbox_message "
                        + "where status in ('pending', 'retrying') and not_before <= ?1")
                .setParameter(1, now)
                .getSingleResult();
        Instant since = oldest == null
                ? null
                : oldest instanceof OffsetDateTime o
                        ? o.toInstant()
                        : oldest instanceof Instant i ? i : ((java.sql.Timestamp) oldest).toInstant();
        oldestPendingAge.set(
                since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds()));
    }

    long backlog(String status) {
        return backlog.get(status).get();
    }
}
