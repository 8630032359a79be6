package io.tongxin.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Webhook counters per channel: {@code tongxin.webhook.received}, {@code .accepted}, {@code .duplicate},
 * {@code .not-waited} (answered at once, processing behind), {@code .rejected} (with {@code reason}) and the acknowledgement latency {@code tongxin.webhook.ack}.
 * Unknown channel keys are counted as {@code unknown} so callers cannot grow the tag set.
 */
@ApplicationScoped
public class WebhookMetrics {

    @Inject
    MeterRegistry registry;

    void received(String channel) {
        registry.counter("tongxin.webhook.received", "channel", channel).increment();
    }

    void accepted(String channel) {
        registry.counter("tongxin.webhook.accepted", "channel", channel).increment();
    }

    void duplicate(String channel) {
        registry.counter("tongxin.webhook.duplicate", "channel", channel).increment();
    }

    /** A message answered without waiting for its reply, because processing was behind. */
    void notWaited(String channel) {
        registry.counter("tongxin.webhook.not-waited", "channel", channel).increment();
    }

    void rejected(String channel, String reason) {
        registry.counter("tongxin.webhook.rejected", "channel", channel, "reason", reason)
                .increment();
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void acknowledged(Timer.Sample sample, String channel) {
        sample.stop(registry.timer("tongxin.webhook.ack", "channel", channel));
    }
}
