package io.tongxin.event;

import io.tongxin.audit.Audit;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attendance per session ({@code event_attendance}): check-in by registration code, idempotent by the
 * table's key (a second check-in, even a concurrent one, changes nothing and says so).
 */
@ApplicationScoped
public class AttendanceRecords {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ZoneId zone;

    @Inject
    Audit audit;

    /**
     * Checks a registered participant in to a session: the one named (its number or its code), else
     * the session running now, else the next one starting later today (in {@code tongxin.zone}).
     */
    @Transactional(dontRollbackOn = DomainException.class)
    public CheckIn checkIn(String eventCode, String registrationCode, String sessionRef, String by) {
        Target t = target(eventCode, registrationCode, sessionRef);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String who = by == null ? null : Phones.maskText(by.length() > 200 ? by.substring(0, 200) : by);
        int inserted = em.createNativeQuery(
                        "insert into event_attendance (registration_id, session_id, checked_in_at, checked_in_by)"
                                + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, t.registration().id)
                .setParameter(2, t.session().id)
                .setParameter(3, now)
                .setParameter(4, who)
                .executeUpdate();
        Object[] row = recorded(t).orElseThrow();
        if (inserted > 0) {
            String subject = eventCode + "/" + t.registration().code;
            var after = java.util.Map.of("session", t.session().number, "checkedIn", true);
            if (by != null && by.startsWith("chat:")) {
                String member = by.substring("chat:".length());
                audit.changedInChat(
                        new Audit.ChatActor("member", member, member, null, null),
                        "registration.check-in",
                        "registration",
                        subject,
                        null,
                        after);
            } else {
                audit.changed("registration.check-in", "registration", subject, null, after);
            }
        }
        return new CheckIn(
                t.registration().code,
                Phones.maskText(t.registration().participantName),
                t.session().number,
                t.session().code,
                toInstant(row[0]),
                (String) row[1],
                inserted == 0);
    }

    /**
     * What {@link #checkIn} would answer, refusals included, without recording anything (the bot's
     * playground); a new check-in comes back without its time and recorder.
     */
    @Transactional(dontRollbackOn = DomainException.class)
    public CheckIn wouldCheckIn(String eventCode, String registrationCode, String sessionRef) {
        Target t = target(eventCode, registrationCode, sessionRef);
        Optional<Object[]> row = recorded(t);
        return new CheckIn(
                t.registration().code,
                Phones.maskText(t.registration().participantName),
                t.session().number,
                t.session().code,
                row.map(r -> toInstant(r[0])).orElse(null),
                row.map(r -> (String) r[1]).orElse(null),
                row.isPresent());
    }

    /** The registration and session a check-in is for, once every rule allows it. */
    private record Target(Registration registration, EventSession session) {}

    private Target target(String eventCode, String registrationCode, String sessionRef) {
        Event event = Event.find("code", eventCode == null ? "" : eventCode).firstResult();
        if (event == null) {
            throw DomainException.notFound("event", eventCode);
        }
        Registration r = RegistrationService.registration(event, registrationCode);
        EventSession session = session(event, sessionRef);
        if (r.status != RegistrationStatus.REGISTERED) {
            throw DomainException.illegalTransition(
                    "registration " + r.code + " is " + r.status.wire() + ": only registered participants check in");
        }
        if (session.status == SessionStatus.CANCELLED) {
            throw DomainException.illegalTransition("session " + session.number + " is cancelled");
        }
        if (event.status == EventStatus.CANCELLED || event.status == EventStatus.DRAFT) {
            throw DomainException.illegalTransition("event '" + event.code + "' is " + event.status.wire());
        }
        return new Target(r, session);
    }

    private Optional<Object[]> recorded(Target t) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select checked_in_at, checked_in_by from event_attendance"
                        + " where registration_id = ?1 and session_id = ?2")
                .setParameter(1, t.registration().id)
                .setParameter(2, t.session().id)
                .getResultList();
        return rows.stream().findFirst();
    }

    private EventSession session(Event event, String ref) {
        if (ref != null && !ref.isBlank()) {
            String s = ref.strip();
            return event.sessions.stream()
                    .filter(x -> s.equalsIgnoreCase(x.code) || s.equals(Integer.toString(x.number)))
                    .findFirst()
                    .orElseThrow(() -> DomainException.invalidField(
                            "session", "event '" + event.code + "' has no session '" + s + "'"));
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        List<EventSession> scheduled = event.scheduledSessions();
        Optional<EventSession> running = scheduled.stream()
                .filter(x -> !now.isBefore(x.startsAt) && now.isBefore(x.endsAt))
                .findFirst();
        return running.or(() -> scheduled.stream()
                        .filter(x -> x.startsAt.isAfter(now)
                                && x.startsAt.atZone(zone).toLocalDate().equals(today))
                        .min(Comparator.comparing(x -> x.startsAt)))
                .orElseThrow(() -> DomainException.invalidField(
                        "session", "no session is running now or starts later today: name one by number or code"));
    }

    /** The numbers of the sessions a registration checked in to, in order. */
    @Transactional
    public List<Integer> sessionsAttended(long registrationId) {
        return sessionsAttended(List.of(registrationId)).getOrDefault(registrationId, List.of());
    }

    /** Per registration id, the numbers of the sessions it checked in to, in order. */
    @Transactional
    public Map<Long, List<Integer>> sessionsAttended(Collection<Long> registrationIds) {
        Map<Long, List<Integer>> out = new HashMap<>();
        if (registrationIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.registration_id, s.number from event_attendance a"
                        + " join event_session s on s.id = a.session_id where a.registration_id in (:ids)"
                        + " order by s.number")
                .setParameter("ids", registrationIds)
                .getResultList();
        for (Object[] row : rows) {
            out.computeIfAbsent(((Number) row[0]).longValue(), k -> new java.util.ArrayList<>())
                    .add(((Number) row[1]).intValue());
        }
        return out;
    }

    private static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException(
                "unexpected timestamp type " + v.getClass().getName());
    }
}
