package io.tongxin.event;

import io.tongxin.directory.Directory;
import io.tongxin.directory.MemberInfo;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Invited members' answers (RSVP): {@code 参加 <event>} or {@code 请假 <event> <reason>} in chat, or
 * an organizer through the API; the organizer sees who attends, who asked for leave and who has not
 * answered. Each answer fires {@link EventChanged.Change#INVITEES}.
 */
@ApplicationScoped
public class Invitations {

    /** One invited member and their answer; {@code attended} is set when the meeting is closed. */
    public record Invitee(
            String memberCode,
            String name,
            Rsvp rsvp,
            String reason,
            java.time.Instant answeredAt,
            java.time.Instant nudgedAt,
            boolean attended) {}

    /** {@code GET /api/events/{code}/invitees}. */
    public record Listing(String eventCode, List<Invitee> attending, List<Invitee> leave, List<Invitee> pending) {}

    @Inject
    Directory directory;

    @Inject
    Clock clock;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changes;

    @Transactional
    public Listing list(String code) {
        Event e = EventQueries.find(code);
        List<Invitee> attending = new ArrayList<>();
        List<Invitee> leave = new ArrayList<>();
        List<Invitee> pending = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select member_code, rsvp, reason, answered_at, nudged_at, attended"
                        + " from event_invitee where event_id = ?1 order by member_code")
                .setParameter(1, e.id)
                .getResultList();
        for (Object[] r : rows) {
            String member = (String) r[0];
            Rsvp rsvp = Rsvp.fromWire((String) r[1]);
            Invitee i = new Invitee(
                    member,
                    directory.findMember(member).map(MemberInfo::name).orElse(member),
                    rsvp,
                    (String) r[2],
                    Confirmations.instant(r[3]),
                    Confirmations.instant(r[4]),
                    Boolean.TRUE.equals(r[5]));
            switch (rsvp) {
                case ATTENDING -> attending.add(i);
                case LEAVE -> leave.add(i);
                case PENDING -> pending.add(i);
            }
        }
        return new Listing(e.code, attending, leave, pending);
    }

    /** An organizer records a member's answer. */
    @Transactional
    public Listing answer(String code, String memberCode, String rsvp, String reason) {
        Rsvp answer;
        try {
            answer = Rsvp.fromWire(rsvp);
        } catch (IllegalArgumentException e) {
            answer = Rsvp.PENDING;
        }
        if (answer == Rsvp.PENDING) {
            throw DomainException.invalidField("rsvp", "must be attending or leave");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (answer == Rsvp.LEAVE && why == null) {
            throw DomainException.invalidField("reason", "required when asking for leave");
        }
        if (why != null && why.length() > 1000) {
            throw DomainException.invalidField("reason", "at most 1000 characters");
        }
        Event e = EventQueries.find(code);
        EventStates.require(e, "answer the invitation to", EventStatus.PUBLISHED);
        EventInvitee i = EventInvitee.findById(new EventInvitee.Key(e.id, memberCode));
        if (i == null) {
            throw DomainException.notFound("invitee", memberCode);
        }
        record(e, i, answer, why);
        return list(code);
    }

    /** What a member's {@code 参加} / {@code 请假} in chat came to (the bot's actions word it). */
    record ChatAnswer(Answer answer, String eventTitle, EventStatus eventStatus) {

        enum Answer {
            RECORDED,
            NO_SUCH_EVENT,
            NOT_INVITED,
            NOT_OPEN,
            NEEDS_REASON
        }
    }

    /**
     * A member's answer in chat, in the inbox transaction; refusals are answers, never exceptions.
     * {@code member}: the verified sender's member, if any. {@code dryRun}: records nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    ChatAnswer answerInChat(Optional<MemberInfo> member, String code, Rsvp answer, String reason, boolean dryRun) {
        Event e = Event.<Event>find("code", code).firstResult();
        if (e == null) {
            return new ChatAnswer(ChatAnswer.Answer.NO_SUCH_EVENT, null, null);
        }
        if (member.isEmpty()) {
            return new ChatAnswer(ChatAnswer.Answer.NOT_INVITED, e.title, e.status);
        }
        if (e.status != EventStatus.PUBLISHED) {
            return new ChatAnswer(ChatAnswer.Answer.NOT_OPEN, e.title, e.status);
        }
        EventInvitee i =
                EventInvitee.findById(new EventInvitee.Key(e.id, member.get().code()));
        if (i == null) {
            return new ChatAnswer(ChatAnswer.Answer.NOT_INVITED, e.title, e.status);
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (answer == Rsvp.LEAVE && why == null) {
            return new ChatAnswer(ChatAnswer.Answer.NEEDS_REASON, e.title, e.status);
        }
        if (!dryRun) {
            record(e, i, answer, why == null ? null : why.length() > 1000 ? why.substring(0, 1000) : why);
        }
        return new ChatAnswer(ChatAnswer.Answer.RECORDED, e.title, e.status);
    }

    private void record(Event e, EventInvitee i, Rsvp answer, String reason) {
        i.rsvp = answer;
        i.reason = answer == Rsvp.LEAVE ? reason : null;
        i.answeredAt = clock.instant();
        changes.fire(EventChanged.of(e.id, EventChanged.Change.INVITEES));
    }
}
