package io.tongxin.opinion;

import io.tongxin.media.MediaLibrary;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The photos, voice messages and locations attached to an opinion, for whoever may read the opinion:
 * organizers and admins, and the member it is assigned to. Never the sender's id or phone; a voice
 * message's recognition text is masked like every resident-written text.
 */
@ApplicationScoped
public class OpinionAttachments {

    /** An attachment as listed (no bytes). {@code status}: stored, or refused with {@code refusal}. */
    public record AttachmentView(
            long id,
            String kind,
            String status,
            String refusal,
            String mime,
            long size,
            String sha256,
            Instant receivedAt,
            String recognition,
            Location location) {}

    /** Where a location message points. */
    public record Location(Double latitude, Double longitude, Integer scale, String label) {}

    /** One attachment's bytes with their sniffed type. */
    public record Download(String mime, byte[] bytes) {}

    @Inject
    MediaLibrary library;

    @Transactional
    public ListResult<AttachmentView> list(String number, Actor actor) {
        var items = library.attachedTo(readable(number, actor).id).stream()
                .map(OpinionAttachments::view)
                .toList();
        return new ListResult<>(items, items.size());
    }

    /** How many photos, voice messages and locations are stored with an opinion (0 for an unknown number). */
    @Transactional
    public int storedCount(String number) {
        return Opinion.findByNumber(number)
                .map(o -> (int) library.attachedTo(o.id).stream()
                        .filter(a -> "stored".equals(a.status()))
                        .count())
                .orElse(0);
    }

    @Transactional
    public Download download(String number, long id, Actor actor) {
        Opinion o = readable(number, actor);
        MediaLibrary.Content c =
                library.content(o.id, id).orElseThrow(() -> DomainException.notFound("attachment", number + "/" + id));
        return new Download(c.mime(), c.bytes());
    }

    private static Opinion readable(String number, Actor actor) {
        Opinion o = Opinion.findByNumber(number).orElseThrow(() -> DomainException.notFound("opinion", number));
        actor.requireOwn(o.number, o.assigneeCode);
        return o;
    }

    private static AttachmentView view(MediaLibrary.Attachment a) {
        return new AttachmentView(
                a.id(),
                a.kind(),
                a.status(),
                a.refusal(),
                a.mime(),
                a.size(),
                a.sha256(),
                a.receivedAt(),
                a.recognition() == null ? null : Phones.maskText(a.recognition()),
                a.latitude() == null && a.longitude() == null && a.label() == null
                        ? null
                        : new Location(a.latitude(), a.longitude(), a.scale(), a.label()));
    }
}
