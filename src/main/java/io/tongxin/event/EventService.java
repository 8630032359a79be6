package io.tongxin.event;

import io.tongxin.audit.Audit;
import io.tongxin.directory.SeedKind;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Changes to meetings and classes: create, replace and delete while a draft, publish (through
 * {@link EventPublisher}), cancel, and reschedule or cancel one session. Every change that decides
 * reminders or people fires an {@link EventChanged} in its transaction (the reminder planner
 * observes it). State rules: {@link EventStates}.
 */
@ApplicationScoped
public class EventService {

    @Inject
    Clock clock;

    @Inject
    EventPlans plans;

    @Inject
    EventPeople people;

    @Inject
    EventPublisher publisher;

    @Inject
    EventViews views;

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changes;

    @Inject
    Audit audit;

    /** A new draft. */
    @Transactional
    public EventView create(EventRequest r) {
        EventPlan p = plans.plan(r, null);
        if (Event.count("code", p.code()) > 0) {
            throw DomainException.conflict("event '" + p.code() + "' already exists");
        }
        EventView created = views.view(insert(p));
        audit.changed("event.create", "event", created.code(), null, created);
        return created;
    }

    /** Replaces a draft as a whole; after publishing, changes go through reschedule and cancel. */
    @Transactional
    public EventView replace(String code, EventRequest r) {
        Event e = lock(code);
        EventStates.require(e, "change", EventStatus.DRAFT);
        EventView before = views.view(e);
        EventPlan p = plans.plan(r, code);
        write(p, e);
        return audited("event.update", before, views.view(e));
    }

    /** Deletes a draft. */
    @Transactional
    public void delete(String code) {
        Event e = lock(code);
        EventStates.require(e, "delete", EventStatus.DRAFT);
        EventView before = views.view(e);
        e.delete();
        audit.changed("event.delete", "event", code, before, null);
    }

    /** Publishes a draft: invitations to every audience group and invited member, in this transaction. */
    @Transactional
    public EventView publish(String code) {
        Event e = lock(code);
        Instant now = clock.instant();
        if (e.status == EventStatus.DRAFT
                && e.kind != EventKind.ANNOUNCEMENT
                && e.scheduledSessions().stream().noneMatch(s -> s.endsAt.isAfter(now))) {
            throw DomainException.conflict("event " + code + " has no session still to come: reschedule it first");
        }
        EventView before = views.view(e);
        EventStates.publish(e, now);
        publisher.publish(e);
        changes.fire(EventChanged.of(e.id, EventChanged.Change.PUBLISHED));
        return audited("event.publish", before, views.view(e));
    }

    /** Cancels the event (a draft or published one); its reminders are cancelled and registrants told. */
    @Transactional
    public EventView cancel(String code, String reason) {
        if (reason != null && reason.length() > 1000) {
            throw DomainException.invalidField("reason", "at most 1000 characters");
        }
        Event e = lock(code);
        EventView before = views.view(e);
        EventStates.cancel(e, reason == null || reason.isBlank() ? null : reason.strip(), clock.instant());
        changes.fire(EventChanged.of(e.id, EventChanged.Change.CANCELLED));
        return audited("event.cancel", before, views.view(e));
    }

    /** Moves one session (by number or code); its reminders are recomputed and its people told. */
    @Transactional
    public EventView reschedule(String code, String session, Instant startsAt, Instant endsAt, String venue) {
        if (startsAt == null) {
            throw DomainException.invalidField("startsAt", "required");
        }
        if (endsAt == null) {
            throw DomainException.invalidField("endsAt", "required");
        }
        // the same years as a created session (issue 17: endsAt +999999999-12-31T23:59:59Z was a 500)
        EventPlans.inRange("startsAt", startsAt);
        EventPlans.inRange("endsAt", endsAt);
        if (!endsAt.isAfter(startsAt)) {
            throw DomainException.invalidField("endsAt", "must be after startsAt");
        }
        String v = venue == null || venue.isBlank() ? null : venue.strip();
        if (v != null && v.length() > 200) {
            throw DomainException.invalidField("venue", "at most 200 characters");
        }
        Event e = lock(code);
        EventSession s = session(e, session);
        EventView before = views.view(e);
        EventStates.reschedule(s, startsAt, endsAt, v, clock.instant());
        changes.fire(EventChanged.ofSession(e.id, EventChanged.Change.SESSION_RESCHEDULED, s.id));
        return audited("event.reschedule", before, views.view(e));
    }

    /** Cancels one session; its pending reminders are cancelled and its people told. */
    @Transactional
    public EventView cancelSession(String code, String session) {
        Event e = lock(code);
        EventSession s = session(e, session);
        EventView before = views.view(e);
        EventStates.cancel(s, clock.instant());
        changes.fire(EventChanged.ofSession(e.id, EventChanged.Change.SESSION_CANCELLED, s.id));
        return audited("event.cancel-session", before, views.view(e));
    }

    private EventView audited(String action, EventView before, EventView after) {
        audit.changed(action, "event", after.code(), before, after);
        return after;
    }

    /**
     * The {@code events} seed: creates the draft, replaces a draft that differs, and leaves alone an
     * event that is as the seed says or no longer a draft (published events change by their API).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SeedKind.Applied applySeed(EventRequest r) {
        EventPlan p = plans.plan(r, null);
        Event e = Event.lockByCode(p.code());
        if (e == null) {
            insert(p);
            return SeedKind.Applied.CREATED;
        }
        if (e.status != EventStatus.DRAFT
                || EventPlans.of(e, people.audience(e.id), people.invitees(e.id))
                        .equals(p)) {
            return SeedKind.Applied.UNCHANGED;
        }
        write(p, e);
        return SeedKind.Applied.UPDATED;
    }

    /** Stores a new event from a plan (a draft), with its audience and invitees. */
    @Transactional(Transactional.TxType.MANDATORY)
    Event insert(EventPlan p) {
        Instant now = clock.instant();
        Event e = new Event();
        e.createdAt = now;
        e.updatedAt = now;
        EventPlans.apply(p, e);
        e.persistAndFlush();
        people.replaceAudience(e.id, p.audience());
        people.replaceInvitees(e.id, p.invitees());
        return e;
    }

    private void write(EventPlan p, Event e) {
        EventPlans.apply(p, e);
        e.updatedAt = clock.instant();
        people.replaceAudience(e.id, p.audience());
        people.replaceInvitees(e.id, p.invitees());
    }

    /** The event, its row locked for the change. */
    static Event lock(String code) {
        Event e = Event.lockByCode(code);
        if (e == null) {
            throw DomainException.notFound("event", code);
        }
        return e;
    }

    /** A session of the event by its number ({@code 2}) or code ({@code <event>-2}). */
    static EventSession session(Event e, String ref) {
        String r = ref == null ? "" : ref.strip();
        for (EventSession s : e.sessions) {
            if (s.code.equals(r) || String.valueOf(s.number).equals(r)) {
                return s;
            }
        }
        throw DomainException.notFound("session", r);
    }
}
