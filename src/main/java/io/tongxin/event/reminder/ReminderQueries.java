package io.tongxin.event.reminder;

import io.tongxin.event.Event;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Lists an event's reminder rows (ordered by due time), optionally of one status. */
@ApplicationScoped
public class ReminderQueries {

    static final Set<String> STATUSES = Set.of("pending", "sent", "skipped", "cancelled");

    private static final String FROM = " from event_reminder r join event_session s on s.id = r.session_id"
            + " where r.event_id = ?1 and (?2 = '' or r.status = ?2)";

    @Inject
    EntityManager em;

    @Transactional
    public ListResult<ReminderView> list(String eventCode, String status, Paging paging) {
        String st = status == null ? "" : status.strip();
        if (!st.isEmpty() && !STATUSES.contains(st)) {
            throw DomainException.invalidField("status", "must be one of pending, sent, skipped, cancelled");
        }
        Event event = Event.<Event>find("code", eventCode)
                .firstResultOptional()
                .orElseThrow(() -> DomainException.notFound("event", eventCode));
        long total = ((Number) em.createNativeQuery("select count(*)" + FROM)
                        .setParameter(1, event.id)
                        .setParameter(2, st)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.id, s.code, s.number, s.starts_at, r.offset_iso,"
                        + " r.recipient_kind, r.recipient_ref, r.due_at, r.status, r.reason, r.fired_at" + FROM
                        + " order by r.due_at, r.id limit ?3 offset ?4")
                .setParameter(1, event.id)
                .setParameter(2, st)
                .setParameter(3, paging.size())
                .setParameter(4, paging.offset())
                .getResultList();
        return new ListResult<>(
                rows.stream()
                        .map(r -> new ReminderView(
                                ((Number) r[0]).longValue(),
                                (String) r[1],
                                ((Number) r[2]).intValue(),
                                instant(r[3]),
                                (String) r[4],
                                (String) r[5],
                                (String) r[6],
                                instant(r[7]),
                                (String) r[8],
                                (String) r[9],
                                instant(r[10])))
                        .toList(),
                total);
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) o;
    }
}
