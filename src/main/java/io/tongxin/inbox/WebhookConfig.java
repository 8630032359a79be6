package io.tongxin.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Inbound webhook settings ({@code tongxin.webhook.*}). */
@ConfigMapping(prefix = "tongxin.webhook")
public interface WebhookConfig {

    /**
     * Allowed difference in seconds between a callback's timestamp and our clock; older or newer
     * requests are refused as replays (401). 0 disables the check. Env
     * {@code TONGXIN_WEBHOOK_MAX_CLOCK_SKEW}.
     */
    @WithDefault("300")
    long maxClockSkew();

    /**
     * How long a callback waits for an {@link InboundHandler} to produce a passive reply before it is
     * acknowledged with {@code success} (processing then goes on asynchronously). WeChat allows 5 s.
     * Env {@code TONGXIN_WEBHOOK_REPLY_BUDGET}.
     */
    @WithDefault("PT1.5S")
    Duration replyBudget();

    /**
     * The webhook waits for a passive reply only while processing keeps up: while fewer than this many
     * accepted messages wait for a worker thread on this instance. With more (a backlog), it answers
     * at once and the reply, if any, goes through the outbox. 0 never waits. Env
     * {@code TONGXIN_WEBHOOK_INLINE_MAX_QUEUED}.
     */
    @WithDefault("8")
    int inlineMaxQueued();

    /** Largest accepted request body in bytes; larger ones get 413. Env {@code TONGXIN_WEBHOOK_MAX_BODY_BYTES}. */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * How long a channel's keys are reused between callbacks before they are read again, so the hot
     * path does not query the channel for every message. A changed or deleted channel takes effect on
     * every instance within this time. 0 reads the channel for every callback. Env
     * {@code TONGXIN_WEBHOOK_CHANNEL_CACHE_TTL}.
     */
    @WithDefault("PT2S")
    Duration channelCacheTtl();
}
