package io.tongxin.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who an event is for, as chosen: its audience ({@code event_audience}: communities, workstations,
 * sectors and groups by code) and its invited members ({@code event_invitee}). Both are replaced as
 * a whole while the event is a draft; invitees keep their answers afterwards.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class EventPeople {

    @Inject
    EntityManager em;

    EventPlan.Audience audience(long eventId) {
        List<String> c = new ArrayList<>(), w = new ArrayList<>(), s = new ArrayList<>(), g = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select kind, code from event_audience where event_id = ?1 order by kind, code")
                .setParameter(1, eventId)
                .getResultList();
        for (Object[] r : rows) {
            String code = (String) r[1];
            switch ((String) r[0]) {
                case "community" -> c.add(code);
                case "workstation" -> w.add(code);
                case "sector" -> s.add(code);
                default -> g.add(code);
            }
        }
        return new EventPlan.Audience(List.copyOf(c), List.copyOf(w), List.copyOf(s), List.copyOf(g));
    }

    void replaceAudience(long eventId, EventPlan.Audience a) {
        em.createNativeQuery("delete from event_audience where event_id = ?1")
                .setParameter(1, eventId)
                .executeUpdate();
        insertAudience(eventId, "community", a.communityCodes());
        insertAudience(eventId, "workstation", a.workstationCodes());
        insertAudience(eventId, "sector", a.sectorCodes());
        insertAudience(eventId, "group", a.groupCodes());
    }

    /** One JDBC batch per kind (an audience may name thousands of groups). */
    private void insertAudience(long eventId, String kind, List<String> codes) {
        if (codes.isEmpty()) {
            return;
        }
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var ps = c.prepareStatement("insert into event_audience (event_id, kind, code) values (?, ?, ?)")) {
                for (String code : codes) {
                    ps.setLong(1, eventId);
                    ps.setString(2, kind);
                    ps.setString(3, code);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The invited members' codes, sorted. */
    List<String> invitees(long eventId) {
        return em.createQuery(
                        "select i.id.memberCode from EventInvitee i where i.id.eventId = :e order by i.id.memberCode",
                        String.class)
                .setParameter("e", eventId)
                .getResultList();
    }

    /** Makes the invitees exactly these members (new ones pending; answers of the others kept). */
    void replaceInvitees(long eventId, List<String> memberCodes) {
        Set<String> wanted = new TreeSet<>(memberCodes);
        for (EventInvitee i : EventInvitee.<EventInvitee>list("id.eventId", eventId)) {
            if (!wanted.remove(i.id.memberCode)) {
                i.delete();
            }
        }
        for (String code : wanted) {
            EventInvitee i = new EventInvitee();
            i.id = new EventInvitee.Key(eventId, code);
            i.persist();
        }
    }
}
