package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/** Maps an {@link Event} and its rows (audience, invitees, deliveries, meeting outcomes) to an {@link EventView}. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class EventViews {

    @Inject
    EntityManager em;

    @Inject
    EventPeople people;

    EventView view(Event e) {
        EventPlan.Audience a = people.audience(e.id);
        Number delivered = (Number) em.createNativeQuery("select count(*) from event_delivery where event_id = ?1")
                .setParameter(1, e.id)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> opinions = em.createNativeQuery(
                        "select opinion_number from event_opinion where event_id = ?1 order by opinion_number")
                .setParameter(1, e.id)
                .getResultList();
        return new EventView(
                e.code,
                e.kind,
                e.title,
                e.description,
                e.organizer,
                e.venue,
                e.status,
                e.capacity,
                new java.util.TreeMap<>(e.quotas),
                new EventView.Audience(a.communityCodes(), a.workstationCodes(), a.sectorCodes(), a.groupCodes()),
                people.invitees(e.id),
                e.offsets().stream().map(Duration::toString).toList(),
                e.opensAt,
                e.closesAt,
                e.confirm,
                e.sessions.stream()
                        .map(s -> new EventView.Session(
                                s.number, s.code, s.startsAt, s.endsAt, s.venueOrDefault(), s.status))
                        .toList(),
                e.publishedAt,
                e.finishedAt,
                e.cancelledAt,
                e.cancelReason,
                e.closedAt,
                e.minutes,
                opinions,
                delivered.longValue(),
                e.createdAt,
                e.updatedAt);
    }
}
