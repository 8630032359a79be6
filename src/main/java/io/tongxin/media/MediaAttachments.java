package io.tongxin.media;

import io.tongxin.shared.KnownAbsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attaches photos, voice messages and locations to the report their sender filed in the same chat
 * within {@code tongxin.media.attach-window}, either way round: when the report is filed
 * ({@link #attachRecent}, called by opinion creation) and when an item arrives after it
 * ({@link #attachToReport}, with {@link ChatReports}). The window is measured between the times the
 * messages reached the inbox and the report was filed, so a fetch retried later still attaches.
 */
@ApplicationScoped
public class MediaAttachments {

    @Inject
    EntityManager em;

    @Inject
    MediaConfig config;

    @Inject
    Clock clock;

    @Inject
    KnownAbsent absent;

    @Inject
    Instance<ChatReports> reports;

    /**
     * Attaches the sender's unattached items from this chat received within the window around
     * {@code filedAt} to the opinion just filed; returns how many. Runs in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int attachRecent(long opinionId, String channelKey, String chatId, String senderId, Instant filedAt) {
        if (channelKey == null || senderId == null || absent.absent(UNATTACHED, key(channelKey, chatId, senderId))) {
            return 0; // (or this transaction's batch read found none of the sender's: {@link #prepare})
        }
        String where = " where m.opinionId is null and m.channelKey = :c and m.senderId = :s"
                + (chatId == null ? " and m.chatId is null" : " and m.chatId = :chat")
                + " and m.receivedAt between :from and :to";
        // no flush of the report's pending writes first: none of them is a media item (the fetch
        // commits its items on their own), and that flush was this call's whole cost (issue 16)
        var found = recent(
                em.createQuery("select count(m) from MediaItem m" + where), channelKey, chatId, senderId, filedAt);
        if (((Number) found.getSingleResult()).longValue() == 0) {
            return 0; // the usual case: nothing sent just before the report
        }
        // the opinion just filed is inserted first (its id comes from a sequence: persisting it did not
        // insert it), so the items can point at it (fk_media_item__opinion)
        em.flush();
        var q = recent(
                em.createQuery("update MediaItem m set m.opinionId = :o, m.attachedAt = :now" + where),
                channelKey,
                chatId,
                senderId,
                filedAt);
        return q.setParameter("o", opinionId)
                .setParameter("now", clock.instant())
                .executeUpdate();
    }

    /** {@link KnownAbsent} kind: senders in a chat with no unattached item. */
    private static final String UNATTACHED = "media.unattached";

    private static String key(String channelKey, String chatId, String senderId) {
        return channelKey + "\u0000" + (chatId == null ? "" : chatId) + "\u0000" + senderId;
    }

    /**
     * For a batch of messages handled in one transaction: which of these senders (channel, chat or
     * null, sender) have no unattached item at all, read by one statement, so {@link #attachRecent}
     * answers those without one each. The fetch commits items on its own: one committed after this
     * read is attached by {@link #attachStragglers}, as one committed while the report is filed is.
     */
    public void prepare(List<String[]> senders) {
        List<String[]> known =
                senders.stream().filter(s -> s[0] != null && s[2] != null).toList();
        if (known.isEmpty()) {
            return;
        }
        Set<String> found = new HashSet<>();
        for (Object[] r : em.createQuery(
                        "select distinct m.channelKey, m.chatId, m.senderId from MediaItem m where m.opinionId is null"
                                + " and m.channelKey in :c and m.senderId in :s",
                        Object[].class)
                .setParameter("c", known.stream().map(s -> s[0]).distinct().toList())
                .setParameter("s", known.stream().map(s -> s[2]).distinct().toList())
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList()) {
            found.add(key((String) r[0], (String) r[1], (String) r[2]));
        }
        absent.record(UNATTACHED, known.stream().map(s -> key(s[0], s[1], s[2])).toList(), found);
    }

    /** An item of this sender was just stored: {@link #attachRecent} in this transaction looks for it. */
    public void stored(String channelKey, String chatId, String senderId) {
        absent.written(UNATTACHED, key(channelKey, chatId, senderId));
    }

    private Query recent(Query q, String channelKey, String chatId, String senderId, Instant filedAt) {
        q.setParameter("c", channelKey)
                .setParameter("s", senderId)
                .setParameter("from", filedAt.minus(config.attachWindow()))
                .setParameter("to", filedAt.plus(config.attachWindow()))
                .setFlushMode(FlushModeType.COMMIT);
        if (chatId != null) {
            q.setParameter("chat", chatId);
        }
        return q;
    }

    /**
     * Attaches the unattached items of one inbox message to the report its sender filed in that chat
     * within the window around {@code receivedAt} (the most recent one); returns the opinion, if any.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> attachToReport(
            long inboxId, String channelKey, String chatId, String senderId, Instant receivedAt) {
        if (reports.isUnsatisfied()) {
            return Optional.empty();
        }
        Optional<Long> opinion = reports.get()
                .latestFiledBy(
                        channelKey,
                        chatId,
                        senderId,
                        receivedAt.minus(config.attachWindow()),
                        receivedAt.plus(config.attachWindow()));
        opinion.ifPresent(o -> em.createQuery("update MediaItem m set m.opinionId = :o, m.attachedAt = :now"
                        + " where m.inboxId = :i and m.opinionId is null")
                .setParameter("o", o)
                .setParameter("now", clock.instant())
                .setParameter("i", inboxId)
                .executeUpdate());
        return opinion;
    }

    /**
     * One more try for unattached items still inside the window plus margin (two messages processed
     * at the same moment on two workers cannot see each other's rows); returns how many messages'
     * items were attached.
     */
    @Transactional
    public int attachStragglers(int limit) {
        Instant since = clock.instant().minus(config.attachWindow()).minus(config.unattachedMargin());
        List<Object[]> rows = em.createQuery(
                        "select distinct m.inboxId, m.channelKey, m.chatId, m.senderId, m.receivedAt from MediaItem m"
                                + " where m.opinionId is null and m.receivedAt >= :since order by m.inboxId",
                        Object[].class)
                .setParameter("since", since)
                .setMaxResults(limit)
                .getResultList();
        int attached = 0;
        for (Object[] r : rows) {
            if (attachToReport((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Instant) r[4])
                    .isPresent()) {
                attached++;
            }
        }
        return attached;
    }

    /**
     * Deletes up to {@code limit} unattached items older than the window plus margin; returns how many.
     * An item an unsent outbox message still names (its photo) is kept until that message is sent or dead.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeUnattached(int limit) {
        Instant before = clock.instant().minus(config.attachWindow()).minus(config.unattachedMargin());
        return em.createNativeQuery("delete from media_item where id in (select m.id from media_item m"
                        + " where m.opinion_id is null and m.received_at < ?1 and not exists (select 1 from"
                        + " outbox_message o where o.image_media_id = m.id and o.status in ('pending', 'retrying'))"
                        + " order by m.id limit ?2)")
                .setParameter(1, before)
                .setParameter(2, limit)
                .executeUpdate();
    }
}
