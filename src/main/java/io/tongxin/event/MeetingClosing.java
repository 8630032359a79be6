package io.tongxin.event;

import io.tongxin.directory.Directory;
import io.tongxin.opinion.Actor;
import io.tongxin.opinion.NewOpinion;
import io.tongxin.opinion.OpinionService;
import io.tongxin.opinion.OpinionView;
import io.tongxin.shared.BlankText;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Closing a consultation meeting: its minutes (纪要), who attended (invited or not; invitees who
 * asked for leave stay on leave), and the opinions it raised, filed through
 * {@link OpinionService#create} so they are routed and followed up like a resident's concern. Each
 * opinion's history shows {@code meeting:<code>} as who filed it, and the meeting lists its numbers.
 * A published meeting is finished by closing it. Closing twice is refused.
 */
@ApplicationScoped
public class MeetingClosing {

    /** An outcome of the meeting to file as an opinion. */
    public record Outcome(String text, String communityCode) {}

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Directory directory;

    @Inject
    OpinionService opinions;

    @Inject
    EventViews views;

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changes;

    @Transactional
    public EventView close(String code, String minutes, List<String> attended, List<Outcome> outcomes) {
        String text = minutes == null ? null : minutes.strip();
        if (BlankText.isBlank(text)) {
            throw DomainException.invalidField("minutes", "must not be blank");
        }
        if (text.length() > 8000) {
            throw DomainException.invalidField("minutes", "at most 8000 characters");
        }
        TreeSet<String> members = new TreeSet<>();
        for (int i = 0; attended != null && i < attended.size(); i++) {
            String m = attended.get(i) == null ? "" : attended.get(i).strip();
            if (!directory.memberExists(m)) {
                throw DomainException.invalidField("attendedMemberCodes[" + i + "]", "no member with code '" + m + "'");
            }
            members.add(m);
        }
        List<Outcome> filed = outcomes == null ? List.of() : outcomes;
        for (int i = 0; i < filed.size(); i++) {
            Outcome o = filed.get(i);
            String f = "opinions[" + i + "]";
            if (o == null || BlankText.isBlank(o.text())) {
                throw DomainException.invalidField(f + ".text", "must not be blank");
            }
            if (o.text().length() > 4000) {
                throw DomainException.invalidField(f + ".text", "at most 4000 characters");
            }
            if (o.communityCode() != null
                    && directory.findCommunity(o.communityCode().strip()).isEmpty()) {
                throw DomainException.invalidField(
                        f + ".communityCode", "no community with code '" + o.communityCode() + "'");
            }
        }
        Event e = EventService.lock(code);
        if (e.kind != EventKind.MEETING) {
            throw DomainException.conflict(
                    "event " + code + " is a " + e.kind.wire() + ": only a meeting is closed with minutes");
        }
        EventStates.require(e, "close", EventStatus.PUBLISHED, EventStatus.FINISHED);
        if (e.closedAt != null) {
            throw DomainException.illegalTransition("meeting " + code + " is already closed");
        }
        Instant now = clock.instant();
        e.minutes = text;
        e.updatedAt = now;
        e.closedAt = now;
        for (String m : members) {
            EventInvitee i = EventInvitee.findById(new EventInvitee.Key(e.id, m));
            if (i == null) {
                i = new EventInvitee();
                i.id = new EventInvitee.Key(e.id, m);
                i.rsvp = Rsvp.ATTENDING;
                i.answeredAt = now;
                i.persist();
            } else if (i.rsvp == Rsvp.PENDING) {
                i.rsvp = Rsvp.ATTENDING; // came without answering
            }
            em.flush();
            em.createNativeQuery("update event_invitee set attended = true where event_id = ?1 and member_code = ?2")
                    .setParameter(1, e.id)
                    .setParameter(2, m)
                    .executeUpdate();
        }
        List<String> numbers = new ArrayList<>();
        Actor meeting = Actor.organizer("meeting:" + e.code);
        for (Outcome o : filed) {
            String community = o.communityCode() == null || o.communityCode().isBlank()
                    ? null
                    : o.communityCode().strip();
            OpinionView v =
                    opinions.create(new NewOpinion(o.text().strip(), community, null, null, null, null), meeting);
            numbers.add(v.number());
        }
        for (String n : numbers) {
            em.createNativeQuery("insert into event_opinion (event_id, opinion_number) values (?1, ?2)")
                    .setParameter(1, e.id)
                    .setParameter(2, n)
                    .executeUpdate();
        }
        if (e.status == EventStatus.PUBLISHED) {
            EventStates.finish(e, now);
            changes.fire(EventChanged.of(e.id, EventChanged.Change.FINISHED));
        }
        return views.view(e);
    }
}
