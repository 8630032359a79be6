package io.tongxin.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tongxin.channel.ChannelCredentials;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.MediaRef;
import io.tongxin.inbox.InboundHandler;
import io.tongxin.inbox.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Fetches and stores the photos, voice messages and locations a message carries, in the inbox worker
 * (never in the webhook's answer path), then attaches them to the sender's report if one was filed in
 * that chat within the window. A download that may pass (5xx, timeout, error code) throws, so the
 * message is retried from its stored copy like any processing step; what no retry fixes (not an image,
 * over the cap, an expired media id) is stored as refused with the reason and the message goes on.
 * Idempotent per inbox message: each item is committed as soon as it is stored, and an item already
 * stored (by an earlier attempt) is kept. All of a message's downloads share one time budget
 * ({@code tongxin.media.fetch-budget}); what it does not cover is fetched on the message's next attempt.
 */
@ApplicationScoped
public class FetchInboundMedia implements InboundHandler {

    @Inject
    MediaDownloads downloads;

    @Inject
    ChannelCredentials credentials;

    @Inject
    MediaAttachments attachments;

    @Inject
    Clock clock;

    @Inject
    MediaConfig config;

    @Override
    public boolean wants(InboundMessage message) {
        return !message.media().isEmpty();
    }

    @Override
    public Optional<String> handle(InboundMessage m) throws MediaFetchFailed {
        List<MediaRef> refs = m.media();
        if (refs.isEmpty()) {
            return Optional.empty();
        }
        Optional<ChannelSecrets> channel = credentials.find(m.channelKey());
        // measured on the system's monotonic time, not the service clock: it bounds real waiting
        long deadline = System.nanoTime() + config.fetchBudget().toNanos();
        for (int i = 0; i < refs.size(); i++) {
            if (MediaItem.count("inboxId = ?1 and itemIndex = ?2", m.inboxId(), i) > 0) {
                continue;
            }
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (refs.get(i).source() != MediaRef.Source.NONE && left.toMillis() <= 0) {
                throw new MediaFetchFailed(
                        "the downloads of this message used their budget (tongxin.media.fetch-budget, "
                                + config.fetchBudget() + ") before item " + (i + 1) + " of " + refs.size()
                                + "; the items stored so far are kept, the rest are fetched on the next attempt");
            }
            store(m, i, refs.get(i), channel, left);
        }
        attachments.attachToReport(m.inboxId(), m.channelKey(), m.chatId(), m.senderId(), m.receivedAt());
        return Optional.empty();
    }

    private void store(InboundMessage m, int index, MediaRef ref, Optional<ChannelSecrets> channel, Duration left)
            throws MediaFetchFailed {
        MediaItem item = new MediaItem();
        item.channelKey = m.channelKey();
        item.channelType = m.channelType().wire();
        item.inboxId = m.inboxId();
        item.itemIndex = index;
        item.chatId = m.chatId();
        item.senderId = m.senderId();
        item.kind = ref.kind().wire();
        item.recognition = cut(ref.recognition(), 4000);
        item.latitude = ref.latitude();
        item.longitude = ref.longitude();
        item.mapScale = ref.scale();
        item.label = cut(ref.label(), 200);
        item.fileName = cut(ref.name(), 200);
        item.receivedAt = m.receivedAt();
        item.storedAt = clock.instant();
        item.status = "stored";
        if (ref.source() != MediaRef.Source.NONE) {
            MediaDownloads.Result r = fetch(m, ref, channel, left);
            if (r instanceof MediaDownloads.Result.Refused refused) {
                refuse(item, refused.reason());
            } else if (r instanceof MediaDownloads.Result.Fetched f) {
                Optional<String> type = MediaSniffer.sniff(ref.kind(), f.bytes());
                if (type.isEmpty()) {
                    refuse(
                            item,
                            "the content is not " + (ref.kind() == MediaRef.Kind.IMAGE ? "an image" : "audio")
                                    + " of a known type (JPEG, PNG, GIF, WebP; AMR, SILK, Speex, Ogg, MP3, AAC,"
                                    + " M4A, WAV); it starts with " + MediaSniffer.head(f.bytes()));
                } else {
                    item.mime = type.get();
                    item.content = f.bytes();
                    item.sizeBytes = f.bytes().length;
                    item.sha256 = sha256(f.bytes());
                }
            }
        }
        // committed at once, on its own: a later item's failure (or the budget running out) keeps it,
        // and the retry of the message goes on from the next item
        QuarkusTransaction.requiringNew().run(item::persist);
        attachments.stored(m.channelKey(), m.chatId(), m.senderId()); // a report after it in this batch looks
    }

    private MediaDownloads.Result fetch(InboundMessage m, MediaRef ref, Optional<ChannelSecrets> channel, Duration left)
            throws MediaFetchFailed {
        if (channel.isEmpty()) {
            return new MediaDownloads.Result.Refused("the channel no longer exists");
        }
        if (!m.senderVerified()) {
            // plaintext mode: the body, and so any URL in it, is not authenticated; only the media API
            // (the channel's own API host, with its token) is asked
            if (ref.source() != MediaRef.Source.PLATFORM_MEDIA) {
                return new MediaDownloads.Result.Refused(
                        "not fetched: the message's body is unauthenticated (plaintext mode), so its URL is not trusted");
            }
            ref = new MediaRef(
                    ref.kind(),
                    ref.source(),
                    ref.mediaId(),
                    null,
                    null,
                    ref.mime(),
                    ref.name(),
                    ref.format(),
                    ref.recognition(),
                    ref.latitude(),
                    ref.longitude(),
                    ref.scale(),
                    ref.label(),
                    null);
        }
        return downloads.fetch(channel.get(), ref, left);
    }

    private static void refuse(MediaItem item, String reason) {
        item.status = "refused";
        item.refusal = cut(reason, 500);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
