package io.tongxin.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound delivery settings (prefix {@code tongxin.outbox}; each property also reads from the
 * environment, e.g. {@code tongxin.outbox.batch-size} from {@code TONGXIN_OUTBOX_BATCH_SIZE}).
 */
@ConfigMapping(prefix = "tongxin.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the scheduled dispatcher. Enqueueing works either way. */
    @WithDefault("true")
    boolean enabled();

    /** How often the dispatcher looks for due messages. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many due messages one claim takes. */
    @WithDefault("100")
    int batchSize();

    /** How many targets are sent to in parallel within one batch (messages to one target stay in order). */
    @WithDefault("8")
    int concurrency();

    /**
     * How long a claim is held before another instance may take the message over (a crashed
     * instance's claims come back after this). Must comfortably exceed a send's request timeout.
     */
    @WithDefault("2m")
    Duration lease();

    /** Failed attempts after which a message is dead-lettered. */
    @WithDefault("12")
    int maxAttempts();

    /** Delay before the first retry; doubles with each failure. */
    @WithDefault("10s")
    Duration backoffInitial();

    /** Upper bound of the retry delay. */
    @WithDefault("1h")
    Duration backoffMax();

    /** Random share taken off each retry delay (0 = none, 0.2 = up to 20 % earlier) so retries spread out. */
    @WithDefault("0.2")
    double backoffJitter();

    /** How long to wait before retrying after the platform itself said "too many calls" (45009, 45033...). */
    @WithDefault("60s")
    Duration throttleDelay();

    /** Send everything to the log sender instead of the platforms (demos, staging). */
    @WithDefault("false")
    boolean dryRun();

    /**
     * Whether the log sender prints the messages' texts (env {@code TONGXIN_OUTBOX_LOG_TEXT}). They are
     * residents' words and name residents, so production logs only their length; the embedded demo,
     * whose log is where one reads what the bot said, and the tests print them.
     */
    @WithDefault("false")
    boolean logText();

    /** HTTP connect timeout for platform calls. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** HTTP request timeout for platform calls. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Access tokens are refreshed this long before the platform says they expire. */
    @WithDefault("5m")
    Duration tokenRefreshMargin();

    /** On shutdown, how long in-flight sends may finish before their claims are released. */
    @WithDefault("10s")
    Duration shutdownGrace();

    /** How often the backlog gauges (by status, oldest pending age) are refreshed. */
    @WithDefault("30s")
    Duration metricsInterval();

    /**
     * Sent messages (with their attempts) are deleted this long after they were sent. Their
     * idempotency keys are freed with them. Env {@code TONGXIN_OUTBOX_KEEP_SENT}.
     */
    @WithDefault("P30D")
    Duration keepSent();

    /** Dead messages are deleted this long after they died. Env {@code TONGXIN_OUTBOX_KEEP_DEAD}. */
    @WithDefault("P90D")
    Duration keepDead();

    /** How often that purge runs ({@code off} disables it). Env {@code TONGXIN_OUTBOX_PURGE_EVERY}. */
    @WithDefault("1h")
    String purgeEvery();

    /** This instance's name in claims and attempt history; default: host name plus a random suffix. */
    Optional<String> instanceId();

    /** Rate limits per kind of target; see {@link Limits}. */
    Limits limits();

    /**
     * Per-channel overrides of the rate limit, by channel key, e.g.
     * {@code tongxin.outbox.channel-limits.my-bridge=10/1m}; {@code none} disables limiting.
     */
    Map<String, String> channelLimits();

    /**
     * Rate limits as comma-separated {@code count/window} pairs (e.g. {@code 30/1m,1000/1h});
     * {@code none} means unlimited. A message over a limit waits for the window to free.
     */
    interface Limits {

        /** WeCom group robot: per robot (platform limit 20 per minute). */
        @WithDefault("20/1m")
        String wecomRobot();

        /** WeCom app message: per recipient user or app chat (platform limit 30 per minute, 1000 per hour). */
        @WithDefault("30/1m,1000/1h")
        String wecomApp();

        /** Official Account customer-service message: per follower. */
        @WithDefault("none")
        String wechatMp();

        /** WeCom smart-robot replies through response_url: per chat. */
        @WithDefault("20/1m")
        String wecomReply();

        /** Bridge to personal WeChat: per group or user, mild pacing against WeChat's anti-spam. */
        @WithDefault("20/1m")
        String bridge();
    }

    /** Maximum bytes of one message part per platform (longer texts are split on line or sentence ends). */
    @WithDefault("2048")
    int maxTextBytes();

    /** Maximum bytes of one markdown part (WeCom robot markdown limit). */
    @WithDefault("4096")
    int maxMarkdownBytes();

    /** Maximum bytes of one bridge message part. */
    @WithDefault("4096")
    int maxBridgeBytes();
}
