package io.tongxin.event.reminder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Reminder metrics: {@code tongxin.event.reminders{outcome=sent|skipped}} and the lateness of sent
 * reminders ({@code tongxin.event.reminder.lateness}, fired − due, a timer with percentiles).
 */
@ApplicationScoped
class ReminderMetrics {

    @Inject
    MeterRegistry registry;

    private Counter sent;
    private Counter skipped;
    private Timer lateness;

    @PostConstruct
    void init() {
        sent = Counter.builder("tongxin.event.reminders")
                .description("Reminders fired, by outcome")
                .tag("outcome", "sent")
                .register(registry);
        skipped = Counter.builder("tongxin.event.reminders")
                .description("Reminders fired, by outcome")
                .tag("outcome", "skipped")
                .register(registry);
        lateness = Timer.builder("tongxin.event.reminder.lateness")
                .description("How late a reminder went into the outbox after it was due")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    void sent(Duration late) {
        sent.increment();
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }

    void skipped() {
        skipped.increment();
    }
}
