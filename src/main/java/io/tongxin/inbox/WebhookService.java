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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
            lane = processor.lane(channel.info(), draft); // a sender's bot turns run in order (SenderLanes)
            accepted = store.accept(channel.info(), draft, processor.claimsOnArrival(lane));
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

    private record Cached(ChannelSecrets secrets, Instant until) {}

    /** Recently read channels (a per-instance read cache with a short TTL; the database stays the truth). */
    private final ConcurrentHashMap<String, Cached> recent = new ConcurrentHashMap<>();

    private ChannelSecrets channel(String key) {
        Instant now = clock.instant();
        Cached cached = recent.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.secrets();
        }
        ChannelSecrets secrets = channels.find(key).orElseThrow(() -> {
            recent.remove(key);
            metrics.rejected("unknown", "unknown-channel");
            return ProblemException.notFound("channel", key);
        });
        if (!config.channelCacheTtl().isZero()) {
            if (recent.size() > 10_000) {
                recent.clear(); // bounded: channels are few; this only guards against unbounded growth
            }
            recent.put(key, new Cached(secrets, now.plus(config.channelCacheTtl())));
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
