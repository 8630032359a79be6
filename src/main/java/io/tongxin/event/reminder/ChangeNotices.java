package io.tongxin.event.reminder;

import io.tongxin.dialogue.Notice;
import io.tongxin.event.Event;
import io.tongxin.event.EventAddressing;
import io.tongxin.event.EventInvitee;
import io.tongxin.event.EventSession;
import io.tongxin.event.Registration;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.event.Rsvp;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Tells the people of an event that a session moved, a session was cancelled or the event was
 * cancelled: every registration still holding or waiting for a place (registered, waitlisted) on the
 * chat identity that signed up, and every invited member who has not asked for leave, on their
 * identity; one {@link Outbox#enqueueAll} in the transaction of the change (origin {@code event:<code>}).
 * Idempotency keys make a repeated notice of the same change harmless, while a second move (another
 * event version or start) is a new message. People who cannot be reached are counted in the log.
 */
@ApplicationScoped
class ChangeNotices {

    private static final Logger LOG = Logger.getLogger(ChangeNotices.class);

    @Inject
    EventAddressing addressing;

    @Inject
    Outbox outbox;

    @Inject
    ReminderTexts texts;

    void rescheduled(Event e, EventSession s) {
        // the event's version and the new time and venue: a repeated notice of one move stores nothing,
        // a second move (even one that changes only the venue, which need not touch the event row) is news
        String moved = Integer.toHexString(Objects.hash(s.startsAt, s.endsAt, s.venueOrDefault()));
        String key = "event-moved:s" + s.id + ":v" + e.version + ":" + s.startsAt.getEpochSecond() + "-" + moved + ":";
        tell(e, key, r -> texts.moved(e, s, r.code), texts.moved(e, s, null));
    }

    void sessionCancelled(Event e, EventSession s) {
        Notice text = texts.sessionCancelled(e, s);
        tell(e, "event-session-cancelled:s" + s.id + ":", r -> text, text);
    }

    void eventCancelled(Event e) {
        Notice text = texts.eventCancelled(e);
        tell(e, "event-cancelled:e" + e.id + ":", r -> text, text);
    }

    private void tell(Event e, String keyPrefix, Function<Registration, Notice> toRegistrant, Notice toMember) {
        Origin origin = Origin.of("event", e.code);
        List<OutboundMessage> messages = new ArrayList<>();
        int unreachable = 0;
        List<Registration> registrations = Registration.list(
                "eventId = ?1 and status in ?2 order by id",
                e.id,
                List.of(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED));
        for (Registration r : registrations) {
            unreachable +=
                    add(messages, addressing.toRegistrant(r, keyPrefix + "r:" + r.code, toRegistrant.apply(r), origin));
        }
        List<EventInvitee> invitees =
                EventInvitee.list("id.eventId = ?1 and rsvp in ?2", e.id, List.of(Rsvp.PENDING, Rsvp.ATTENDING));
        for (EventInvitee i : invitees) {
            String member = i.id.memberCode;
            unreachable +=
                    add(messages, addressing.toMember(member, null, keyPrefix + "m:" + member, toMember, origin));
        }
        int stored = outbox.enqueueAll(messages);
        LOG.infof(
                "event %s: %s notice to %d people (%d newly queued, %d unreachable)",
                e.code, keyPrefix.substring(0, keyPrefix.indexOf(':')), messages.size(), stored, unreachable);
    }

    private static int add(List<OutboundMessage> messages, Optional<OutboundMessage> m) {
        m.ifPresent(messages::add);
        return m.isPresent() ? 0 : 1;
    }
}
