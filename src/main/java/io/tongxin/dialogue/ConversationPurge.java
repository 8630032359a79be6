package io.tongxin.dialogue;

import io.quarkus.scheduler.Scheduled;
import io.tongxin.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Deletes conversations that expired more than {@link #KEEP} ago, every {@code tongxin.bot.purge-every}.
 * An expired conversation is kept that long so the sender's next message can still be told it timed
 * out. Safe with several instances.
 */
@ApplicationScoped
public class ConversationPurge {

    private static final Logger LOG = Logger.getLogger(ConversationPurge.class);

    /** How long an expired conversation is kept for its timeout notice. */
    static final Duration KEEP = Duration.ofDays(1);

    @Inject
    Conversations conversations;

    @Inject
    Clock clock;

    @Scheduled(
            identity = "bot-conversation-purge",
            every = "${tongxin.bot.purge-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warnf("bot conversation purge failed, next run tries again: %s", LogText.escape(e.getMessage()));
        }
    }

    /** Deletes now; returns how many conversations went. */
    @Transactional
    public int purge() {
        return conversations.purge(clock.instant().minus(KEEP));
    }
}
