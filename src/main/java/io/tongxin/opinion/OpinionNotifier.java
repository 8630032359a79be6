package io.tongxin.opinion;

import io.tongxin.dialogue.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Addresses an opinion's notices (to its reporter, a member, the organizers) through
 * {@link OpinionNotices}, inside the caller's transaction. A notice nobody could receive is not an
 * error: the opinion's history records it as {@code unaddressed}, for organizers to follow up.
 *
 * <p>Each notice's key is taken before any "unaddressed" event is recorded, so a retried transaction
 * computes the same keys (the outbox stores each key once).
 */
@ApplicationScoped
public class OpinionNotifier {

    @Inject
    OpinionNotices notices;

    @Inject
    OpinionMessages messages;

    @Inject
    PlaceNames places;

    @Inject
    io.tongxin.media.MediaLibrary media;

    /**
     * The assignee hears of the assignment (and, when it was passed on, from whom and why), followed by
     * the concern's first photo when it has one; the reporter too when it is the first one.
     */
    void assigned(Opinion o, boolean firstTime, OpinionMessages.Handover handover, Instant now) {
        assigned(o, firstTime, handover, now, o.id == null ? List.of() : media.attachedTo(o.id));
    }

    /**
     * As above, with the opinion's attachments already known ({@link io.tongxin.media.MediaLibrary#attachedTo},
     * oldest first): a new opinion knows them from filing (none when nothing was attached).
     */
    void assigned(
            Opinion o,
            boolean firstTime,
            OpinionMessages.Handover handover,
            Instant now,
            List<io.tongxin.media.MediaLibrary.Attachment> attached) {
        // the concern's first photo follows the notice (to a new assignee on a transfer or reassignment too):
        // the first stored image in the attachments' order, as MediaLibrary.firstPhoto answers it
        Long photo = attached.stream()
                .filter(a -> "image".equals(a.kind()) && "stored".equals(a.status()))
                .map(io.tongxin.media.MediaLibrary.Attachment::id)
                .findFirst()
                .orElse(null);
        unaddressed(
                o,
                notices.toMember(
                        o.number,
                        o.assigneeCode,
                        o.reporterChannelKey,
                        messages.assigneeAssigned(o, places.of(o), handover, attached),
                        origin(o, "assigned-" + o.assigneeCode),
                        photo),
                now);
        if (firstTime) {
            toReporter(o, messages.reporterAssigned(o), "assigned", now);
        }
    }

    /** To the reporter where they raised it; nothing when the opinion has no chat identity to answer. */
    public void toReporter(Opinion o, Notice notice, String what, Instant now) {
        if (o.reporterChannelKey != null && o.reporterUserId != null) {
            unaddressed(
                    o,
                    notices.toReporter(
                            o.number,
                            new OpinionNotices.ReporterAddress(
                                    o.reporterChannelKey, o.reporterChatId, o.reporterUserId),
                            notice,
                            origin(o, what)),
                    now);
        }
    }

    public void toMember(Opinion o, String memberCode, Notice notice, String what, Instant now) {
        unaddressed(o, notices.toMember(o.number, memberCode, o.reporterChannelKey, notice, origin(o, what)), now);
    }

    public void toOrganizers(Opinion o, Notice notice, String what, Instant now) {
        unaddressed(o, notices.toOrganizers(o.number, o.workstationCode, notice, origin(o, what)), now);
    }

    private static void unaddressed(Opinion o, OpinionNotices.Delivery d, Instant now) {
        if (!d.queued()) {
            o.record("unaddressed", "notices", now, d.problem());
        }
    }

    /** The notice key: stable for one notice of one change (the history length counts the changes). */
    private static String origin(Opinion o, String what) {
        return "opinion:" + o.number + ":" + what + ":" + o.history.size();
    }
}
