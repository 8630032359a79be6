package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Marks published meetings and classes {@code finished} once their last scheduled session has
 * ended (fires {@link EventChanged.Change#FINISHED}). Announcements have no sessions and stay
 * published. Claims events with {@code FOR UPDATE SKIP LOCKED}, so instances never finish one twice.
 */
@ApplicationScoped
public class EventLifecycle {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    EventConfig config;

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changes;

    /** Finishes the events whose last session has ended; returns how many. */
    @Transactional
    public int finishEnded() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from event where status = 'published'"
                        + " and kind <> 'announcement'"
                        + " and id in (select event_id from event_session where status = 'scheduled')"
                        + " and id not in (select event_id from event_session where status = 'scheduled' and ends_at > ?1)"
                        + " order by id limit ?2 for update skip locked")
                .setParameter(1, now)
                .setParameter(2, config.followUpBatch())
                .getResultList();
        for (Number id : ids) {
            Event e = Event.findById(id.longValue());
            EventStates.finish(e, now);
            changes.fire(EventChanged.of(e.id, EventChanged.Change.FINISHED));
        }
        return ids.size();
    }
}
