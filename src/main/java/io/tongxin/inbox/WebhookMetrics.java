package io.tongxin.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Webhook counters per channel: {@code tongxin.webhook.received}, {@code .accepted}, {@code .duplicate},
 * {@code .not-waited} (answered at once, processing behind), {@code .rejected} (with {@code reason}),
 * {@code .channel-reads} (the channel read from the database: its cache missed) and the
 * acknowledgement latency {@code tongxin.webhook.ack}. Unknown channel keys are counted as
 * {@code unknown} so callers cannot grow the tag set. The meters of a channel are looked up once and
 * kept (every webhook counts three times: no tag building and registry lookup per request).
 */
@ApplicationScoped
public class WebhookMetrics {

    @Inject
    MeterRegistry registry;

    /** One channel's meters, registered on its first webhook. */
    private record Meters(Counter received, Counter accepted, Timer ack) {}

    private final ConcurrentHashMap<String, Meters> byChannel = new ConcurrentHashMap<>();

    private final Function<String, Meters> register = channel -> new Meters(
            registry.counter("tongxin.webhook.received", "channel", channel),
            registry.counter("tongxin.webhook.accepted", "channel", channel),
            registry.timer("tongxin.webhook.ack", "channel", channel));

    private Meters of(String channel) {
        Meters m = byChannel.get(channel);
        if (m != null) {
            return m;
        }
        if (byChannel.size() > 10_000) {
            byChannel.clear(); // bounded like the channel cache: channels are few
        }
        return byChannel.computeIfAbsent(channel, register);
    }

    void received(String channel) {
        of(channel).received().increment();
    }

    void accepted(String channel) {
        of(channel).accepted().increment();
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

    /** The webhook read a channel from the database (not cached, or its TTL ran out). */
    void channelRead(String channel) {
        registry.counter("tongxin.webhook.channel-reads", "channel", channel).increment();
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void acknowledged(Timer.Sample sample, String channel) {
        sample.stop(of(channel).ack());
    }
}
