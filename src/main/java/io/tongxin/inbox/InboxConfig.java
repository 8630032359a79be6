package io.tongxin.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Inbox processing settings ({@code tongxin.inbox.*}). */
@ConfigMapping(prefix = "tongxin.inbox")
public interface InboxConfig {

    /** How often the processor looks for due messages (retries, leftovers after a restart). Env {@code TONGXIN_INBOX_POLL_INTERVAL}. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Messages claimed per poll. Env {@code TONGXIN_INBOX_BATCH_SIZE}. */
    @WithDefault("50")
    int batchSize();

    /**
     * Claimed messages the poller processes in one transaction (per worker thread; each sender's
     * messages together and in order). A failure of any of them rolls that transaction back and each
     * is then processed in its own, so one bad message never fails the others. 1 = one transaction
     * per message. Messages claimed on arrival (whose webhook may wait for the reply) always get
     * their own. Env {@code TONGXIN_INBOX_MESSAGES_PER_TRANSACTION}.
     */
    @WithDefault("10")
    int messagesPerTransaction();

    /**
     * How long a claim lasts; a message whose worker died (e.g. {@code kill -9}) is claimed again
     * after it. Must exceed the slowest handler. Env {@code TONGXIN_INBOX_LEASE}.
     */
    @WithDefault("PT60S")
    Duration lease();

    /** Attempts before a message is parked as {@code failed}. Env {@code TONGXIN_INBOX_MAX_ATTEMPTS}. */
    @WithDefault("5")
    int maxAttempts();

    /** Backoff after the first failure; doubled per attempt. Env {@code TONGXIN_INBOX_INITIAL_BACKOFF}. */
    @WithDefault("PT10S")
    Duration initialBackoff();

    /** Upper bound of the backoff. Env {@code TONGXIN_INBOX_MAX_BACKOFF}. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /**
     * Whether this instance processes inbox messages. {@code false}: an accept-only instance, for
     * webhooks alone: it checks, stores and acknowledges them at once (never waiting for a passive
     * reply) and leaves every message {@code pending} for the instances on the same database that do
     * process (their pollers claim them; replies go through the outbox). Its poller neither claims
     * nor sweeps. At least one instance on the database must process. Env {@code TONGXIN_INBOX_PROCESS}.
     */
    @WithDefault("true")
    boolean process();

    /** Threads that start processing right after a message is accepted. Env {@code TONGXIN_INBOX_WORKERS}. */
    @WithDefault("4")
    int workers();

    /**
     * At most this many messages are processed at once on this instance while webhooks are being
     * accepted (one started within the last 20 ms); otherwise up to {@link #workers()}. Processing
     * takes the CPU of this JVM and of PostgreSQL that a webhook's acknowledgement needs: on a small
     * machine fewer at once keeps acknowledgements fast while processing goes on (at least one).
     * Unset = {@link #workers()} (no yielding). Env {@code TONGXIN_INBOX_WORKERS_WHILE_ACCEPTING}.
     */
    Optional<Integer> workersWhileAccepting();

    /**
     * While the recent acceptance time of this instance's webhooks (a moving average of the last ten
     * or so) is above this, a message about to be processed first waits for it to fall, up to
     * {@link #maxYield()}: processing yields the CPU to the webhooks being acknowledged. Unset or 0 =
     * never. Env {@code TONGXIN_INBOX_ACCEPT_LATENCY_TARGET}.
     */
    Optional<Duration> acceptLatencyTarget();

    /**
     * The longest a message waits for the acceptance time to fall ({@link #acceptLatencyTarget()})
     * before it is processed anyway: processing slows, it never stops. Env {@code TONGXIN_INBOX_MAX_YIELD}.
     */
    @WithDefault("PT0.05S")
    Duration maxYield();

    /** Accepted messages waiting for a worker thread before the poller takes over. Env {@code TONGXIN_INBOX_QUEUE}. */
    @WithDefault("1000")
    int queue();

    /**
     * Accepted messages claimed for a worker thread on arrival while fewer than this many already
     * wait for one on this instance; beyond it a message is stored {@code pending} and the poller
     * claims it (so a backlog is never held in one instance's memory under a lease). Env
     * {@code TONGXIN_INBOX_CLAIM_AHEAD}.
     */
    @WithDefault("100")
    int claimAhead();

    /**
     * Processed messages received longer ago than this are deleted (raw payloads hold residents'
     * messages; keep them no longer than needed). Failed and unprocessed messages are never deleted.
     * Env {@code TONGXIN_INBOX_KEEP_PROCESSED}.
     */
    @WithDefault("P90D")
    Duration keepProcessed();

    /** How often that purge runs ({@code off} disables it). Env {@code TONGXIN_INBOX_PURGE_EVERY}. */
    @WithDefault("1h")
    String purgeEvery();

    /**
     * A reply recorded for the webhook's answer ({@code inline-pending}) that the webhook has not
     * confirmed after this long is queued in the outbox by the inbox poller: its instance died between
     * the processing commit and the answer. Must exceed the reply budget plus the 2 s commit grace.
     * Env {@code TONGXIN_INBOX_PENDING_REPLY_AFTER}.
     */
    @WithDefault("PT30S")
    Duration pendingReplyAfter();

    /**
     * Test-only fault hook, off by default: processing sleeps this long between committing a reply
     * recorded for the webhook's answer and handing it over (a slow commit, as the webhook sees it), so
     * a process-level test can kill the instance in between. Never set it in production.
     * Env {@code TONGXIN_INBOX_TEST_PAUSE_AFTER_REPLY_COMMIT}.
     */
    Optional<Duration> testPauseAfterReplyCommit();
}
