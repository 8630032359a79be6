package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Announcements: an event of kind {@code announcement} (no sessions, no registrations) published at
 * once, through the same machinery as invitations: one message per audience group and per member,
 * and the same confirmation tracking and nudges when {@code confirm} is set.
 */
@ApplicationScoped
public class AnnouncementService {

    @Inject
    Clock clock;

    @Inject
    EventPlans plans;

    @Inject
    EventService events;

    @Inject
    EventPublisher publisher;

    @Inject
    EventViews views;

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changes;

    @Transactional
    public EventView announce(
            String code,
            String title,
            String text,
            EventRequest.AudienceRequest audience,
            List<String> memberCodes,
            Boolean confirm) {
        EventPlan p = plans.announcement(code, title, text, audience, memberCodes, confirm);
        if (Event.count("code", p.code()) > 0) {
            throw io.tongxin.shared.DomainException.conflict("event '" + p.code() + "' already exists");
        }
        Event e = events.insert(p);
        EventStates.publish(e, clock.instant());
        publisher.publish(e);
        changes.fire(EventChanged.of(e.id, EventChanged.Change.PUBLISHED));
        return views.view(e);
    }
}
