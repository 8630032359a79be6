package io.tongxin.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is attached to an opinion: the list (never the bytes) and one item's content. Who may see them
 * is the opinion room's decision; this room only answers by opinion id.
 */
@ApplicationScoped
public class MediaLibrary {

    /** An attached item without its bytes or its sender. */
    public record Attachment(
            long id,
            String kind,
            String status,
            String refusal,
            String mime,
            long size,
            String sha256,
            Instant receivedAt,
            String recognition,
            Double latitude,
            Double longitude,
            Integer scale,
            String label) {}

    /** One item's bytes and sniffed type. */
    public record Content(long id, String mime, byte[] bytes) {}

    @Inject
    EntityManager em;

    /** The opinion's items, oldest first. */
    @Transactional
    public List<Attachment> attachedTo(long opinionId) {
        return em.createQuery(
                        "select new io.tongxin.media.MediaLibrary$Attachment(m.id, m.kind, m.status, m.refusal,"
                                + " m.mime, m.sizeBytes, m.sha256, m.receivedAt, m.recognition, m.latitude,"
                                + " m.longitude, m.mapScale, m.label) from MediaItem m where m.opinionId = :o"
                                + " order by m.receivedAt, m.inboxId, m.itemIndex",
                        Attachment.class)
                .setParameter("o", opinionId)
                .getResultList();
    }

    /** The first stored photo attached to the opinion (the one its assignment notice carries), by id. */
    @Transactional
    public Optional<Long> firstPhoto(long opinionId) {
        return em.createQuery(
                        "select m.id from MediaItem m where m.opinionId = :o and m.kind = 'image'"
                                + " and m.status = 'stored' order by m.receivedAt, m.inboxId, m.itemIndex",
                        Long.class)
                .setParameter("o", opinionId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** The bytes of an item attached to this opinion, if it has stored ones. */
    @Transactional
    public Optional<Content> content(long opinionId, long itemId) {
        MediaItem m = MediaItem.findById(itemId);
        if (m == null || m.opinionId == null || m.opinionId != opinionId || m.content == null) {
            return Optional.empty();
        }
        return Optional.of(new Content(m.id, m.mime, m.content));
    }
}
