package io.tongxin.event;

import io.tongxin.shared.DomainException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The event's and its sessions' state rules, in one place: every move names the states that allow
 * it and refuses the others as an illegal transition (409).
 *
 * <pre>
 * event:   draft -> published -> finished;  draft | published -> cancelled
 * session: scheduled -> cancelled; a scheduled session of a live event may be rescheduled
 * </pre>
 */
final class EventStates {

    private EventStates() {}

    static void require(Event e, String action, EventStatus... allowed) {
        if (Arrays.asList(allowed).contains(e.status)) {
            return;
        }
        String states = Arrays.stream(allowed).map(EventStatus::wire).collect(Collectors.joining(" or "));
        throw DomainException.illegalTransition(
                "cannot " + action + " event " + e.code + ": it is " + e.status.wire() + " (only " + states + ")");
    }

    static void publish(Event e, Instant now) {
        require(e, "publish", EventStatus.DRAFT);
        e.status = EventStatus.PUBLISHED;
        e.publishedAt = now;
        e.updatedAt = now;
    }

    static void cancel(Event e, String reason, Instant now) {
        require(e, "cancel", EventStatus.DRAFT, EventStatus.PUBLISHED);
        e.status = EventStatus.CANCELLED;
        e.cancelledAt = now;
        e.cancelReason = reason;
        e.updatedAt = now;
    }

    static void finish(Event e, Instant now) {
        require(e, "finish", EventStatus.PUBLISHED);
        e.status = EventStatus.FINISHED;
        e.finishedAt = now;
        e.updatedAt = now;
    }

    static void reschedule(EventSession s, Instant startsAt, Instant endsAt, String venue, Instant now) {
        require(s.event, "reschedule a session of", EventStatus.DRAFT, EventStatus.PUBLISHED);
        if (s.status != SessionStatus.SCHEDULED) {
            throw DomainException.illegalTransition("session " + s.code + " is cancelled: it cannot be rescheduled");
        }
        s.startsAt = startsAt;
        s.endsAt = endsAt;
        if (venue != null) {
            s.venue = venue;
        }
        s.event.updatedAt = now;
    }

    static void cancel(EventSession s, Instant now) {
        require(s.event, "cancel a session of", EventStatus.DRAFT, EventStatus.PUBLISHED);
        if (s.status != SessionStatus.SCHEDULED) {
            throw DomainException.illegalTransition("session " + s.code + " is already cancelled");
        }
        s.status = SessionStatus.CANCELLED;
        s.event.updatedAt = now;
    }
}
