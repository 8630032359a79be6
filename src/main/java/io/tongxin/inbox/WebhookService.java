package io.tongxin.inbox;

import io.micrometer.core.instrument.Timer;
import io.tongxin.channel.CallbackAdapter;
import io.tongxin.channel.CallbackAdapters;
import io.tongxin.channel.CallbackAnswer;
import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.ChannelCredentials;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.WebhookRejection;
import io.tongxin.outbox.senders.LogSender;
import io.tongxin.shared.LogText;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Receives platform callbacks: finds the channel, bounds the body, lets the platform's adapter verify,
 * decrypt and normalise, stores the message (deduplicated) and answers: {@code success} or a passive
 * reply if a handler produced one within the reply budget. Bad input never gets past the adapter.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    /** The secrets go to the platform's adapter only; the inbox itself stores the channel's key and type. */
    @Inject
    ChannelCredentials channels;

    @Inject
    InboxAccept store;

    @Inject
    InboxProcessor processor;

    @Inject
    InboxWork work;

    @Inject
    WebhookConfig config;

    @Inject
    ReplayGuard replays;

    @Inject
    WebhookMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    LogSender said;

    /** Answers a platform's URL verification (GET). */
    public CallbackAnswer verify(String channelKey, Map<String, String> query, Function<String, String> headers) {
        ChannelSecrets channel = channel(channelKey);
        CallbackRequest request =
                new CallbackRequest(query, headers, new byte[0], clock.instant(), config.maxClockSkew());
        try {
            return CallbackAnswer.text(CallbackAdapters.forType(channel.type()).verifyUrl(channel, request));
        } catch (WebhookRejection e) {
            throw reject(channel.key(), e);
        }
    }

    /** Receives one message (POST) and returns the answer for the platform. */
    public CallbackAnswer receive(
            String channelKey, Map<String, String> query, Function<String, String> headers, InputStream body) {
        Timer.Sample sample = metrics.start();
        ChannelSecrets channel = channel(channelKey);
        String tag = channel.key();
        metrics.received(tag);
        CallbackAdapter adapter = CallbackAdapters.forType(channel.type());
        CallbackRequest request;
        InboundDraft draft;
        InboxAccept.Accepted accepted;
        String lane;
        long started = processor.acceptStarted(); // processing yields while webhooks are accepted (ProcessingGate)
        try {
            request = new CallbackRequest(query, headers, read(body, headers), clock.instant(), config.maxClockSkew());
            draft = adapter.open(channel, request);
            replays.admit(channel.key(), draft);
            // the handlers decide once: whether any wants it, and whether its sender's turns run in order
            InboxAccept.Decision decision = store.decide(channel.info(), draft);
            lane = processor.lane(channel.info(), draft, decision); // (SenderLanes)
            accepted = store.accept(channel.info(), draft, decision, processor.claimsOnArrival(lane));
        } catch (WebhookRejection e) {
            throw reject(tag, e);
        } finally {
            processor.acceptEnded(started);
        }
        Optional<String> reply;
        if (accepted.duplicate()) {
            metrics.duplicate(tag);
            reply = Optional.ofNullable(accepted.reply());
        } else {
            metrics.accepted(tag);
            if (accepted.claimToken() == null) {
                processor.storedPending(lane, accepted.id());
                reply = Optional.empty(); // no handler wants it, or it waits for the poller (a backlog)
            } else if (processor.keepsUp(config.inlineMaxQueued(), config.replyBudget())) {
                reply = await(accepted.id(), processor.dispatch(accepted.id(), accepted.claimToken(), lane, true));
                if (reply.isPresent() && !work.confirmInline(accepted.id())) {
                    reply = Optional.empty(); // the poller queued it in the outbox meanwhile (a stalled webhook)
                }
            } else {
                // processing is behind: answer at once; a reply goes through the outbox (exactly once)
                metrics.notWaited(tag);
                processor.dispatch(accepted.id(), accepted.claimToken(), lane, false);
                reply = Optional.empty();
            }
        }
        CallbackAnswer answer = adapter.answer(channel, request, accepted.senderId(), accepted.accountId(), reply);
        if (reply.isPresent() && !accepted.duplicate()) {
            // printed where the outbox's messages are, so one log shows everything the bot said
            said.inline(accepted.id(), tag, channel.type(), accepted.senderId(), reply.get());
        }
        metrics.acknowledged(sample, tag);
        return answer;
    }

    /**
     * Waits up to the reply budget for processing. When the budget runs out before processing has a
     * reply, the webhook answers without one and processing sends it through the outbox instead. If
     * processing already claimed the inline answer (it is committing), the webhook waits up to a
     * grace for that commit; if the grace runs out too, it gives up and processing sends the reply
     * after its commit. See {@link ReplyHandoff}.
     */
    private Optional<String> await(long id, InboxProcessor.Dispatched processing) {
        try {
            return processing.reply().get(config.replyBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (processing.handoff().abandon()) {
                return Optional.empty();
            }
            return awaitCommit(id, processing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return processing.handoff().abandon() || processing.handoff().giveUp()
                    ? Optional.empty()
                    : Optional.ofNullable(processing.handoff().reply());
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    private Optional<String> awaitCommit(long id, InboxProcessor.Dispatched processing) {
        try {
            return processing.reply().get(COMMIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf(
                    "inbox message %d: its reply did not commit within %d ms; it goes through the outbox",
                    id, COMMIT_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // gave up: processing sends the reply after its commit; or it committed just now: answer with it
        return processing.handoff().giveUp()
                ? Optional.empty()
                : Optional.ofNullable(processing.handoff().reply());
    }

    /** How long the webhook waits for a commit that already claimed the inline reply. */
    private static final long COMMIT_GRACE_MILLIS = 2_000;

    /** A channel read (or being read) for requests until {@code until}; {@code secrets} null: no such channel. */
    private record Cached(CompletableFuture<ChannelSecrets> secrets, Instant until) {}

    /**
     * Recently read channels (a per-instance read cache with a short TTL; the database stays the
     * truth). Single-flight: when a channel is not cached (a new channel's first requests, or its TTL
     * ran out), one request reads it and the others arriving meanwhile wait for that read instead of
     * each reading it too.
     */
    private final ConcurrentHashMap<String, Cached> recent = new ConcurrentHashMap<>();

    private ChannelSecrets channel(String key) {
        Duration ttl = config.channelCacheTtl();
        if (ttl.isZero()) {
            return known(key, read(key));
        }
        Instant now = clock.instant();
        Cached cached = recent.get(key);
        if (cached == null || !now.isBefore(cached.until())) {
            if (recent.size() > 10_000) {
                recent.clear(); // bounded: channels are few; this only guards against unbounded growth
            }
            Cached mine = new Cached(new CompletableFuture<>(), now.plus(ttl));
            // another request's read (done or under way) if it started meanwhile, else this one reads
            cached = recent.compute(key, (k, old) -> old != null && now.isBefore(old.until()) ? old : mine);
            if (cached == mine) {
                try {
                    ChannelSecrets secrets = read(key);
                    if (secrets == null) {
                        recent.remove(key, mine); // an unknown key is not remembered
                    }
                    mine.secrets().complete(secrets);
                } catch (RuntimeException | Error e) {
                    recent.remove(key, mine); // the next request reads again; those waiting get this failure
                    mine.secrets().completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return known(key, cached.secrets().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e; // the reading request's failure
        }
    }

    private ChannelSecrets read(String key) {
        ChannelSecrets secrets = channels.find(key).orElse(null);
        metrics.channelRead(secrets == null ? "unknown" : key);
        return secrets;
    }

    private ChannelSecrets known(String key, ChannelSecrets secrets) {
        if (secrets == null) {
            metrics.rejected("unknown", "unknown-channel");
            throw ProblemException.notFound("channel", key);
        }
        return secrets;
    }

    /** Reads the body up to the limit: a declared or actual size above it is refused without buffering more. */
    private byte[] read(InputStream body, Function<String, String> headers) {
        int limit = config.maxBodyBytes();
        String declared = headers.apply("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    throw WebhookRejection.tooLarge(limit);
                }
            } catch (NumberFormatException e) {
                throw WebhookRejection.malformed("Content-Length is not a number");
            }
        }
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw WebhookRejection.tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw WebhookRejection.malformed("the request body cannot be read");
        }
    }

    private ProblemException reject(String channel, WebhookRejection e) {
        metrics.rejected(channel, e.reason());
        LOG.debugf("webhook %s rejected (%s): %s", LogText.escape(channel), e.reason(), LogText.escape(e.getMessage()));
        String title = switch (e.status()) {
            case 401 -> "Unauthorized";
            case 413 -> "Payload Too Large";
            default -> "Bad Request";
        };
        return new ProblemException(e.status(), title, e.getMessage());
    }
}
