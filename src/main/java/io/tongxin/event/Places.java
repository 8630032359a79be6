package io.tongxin.event;

import java.util.HashMap;
import java.util.Map;

/**
 * The places an event has taken, counted under its lock: registered in all and per community,
 * against its capacity (0 = unlimited) and its quotas (a community without one is bounded by the
 * capacity only).
 */
final class Places {

    private final Event event;
    private long registered;
    private final Map<String, Long> perCommunity = new HashMap<>();

    private Places(Event event) {
        this.event = event;
    }

    /** Counts the event's registered places (call with the event row locked). */
    static Places of(Event event) {
        Places p = new Places(event);
        for (Object[] row : Registration.getEntityManager()
                .createQuery(
                        "select r.communityCode, count(r) from Registration r where r.eventId = :e and r.status = :s"
                                + " group by r.communityCode",
                        Object[].class)
                .setParameter("e", event.id)
                .setParameter("s", RegistrationStatus.REGISTERED)
                .getResultList()) {
            long n = (Long) row[1];
            p.registered += n;
            if (row[0] != null) {
                p.perCommunity.put((String) row[0], n);
            }
        }
        return p;
    }

    /** Whether one more participant of this community (may be null) gets a place. */
    boolean fits(String communityCode) {
        if (event.capacity > 0 && registered >= event.capacity) {
            return false;
        }
        Integer quota = communityCode == null ? null : event.quotas.get(communityCode);
        return quota == null || perCommunity.getOrDefault(communityCode, 0L) < quota;
    }

    /** Counts a place as taken. */
    void take(String communityCode) {
        registered++;
        if (communityCode != null) {
            perCommunity.merge(communityCode, 1L, Long::sum);
        }
    }
}
