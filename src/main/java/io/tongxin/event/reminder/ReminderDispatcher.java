package io.tongxin.event.reminder;

import io.tongxin.event.EventAddressing;
import io.tongxin.event.EventConfig;
import io.tongxin.event.EventInvitee;
import io.tongxin.event.EventStatus;
import io.tongxin.event.Registration;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.event.Rsvp;
import io.tongxin.event.SessionStatus;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * Fires due reminders exactly once, also with several instances: {@link #fireDue()} claims a batch of
 * pending rows whose {@code due_at} has come ({@code FOR UPDATE SKIP LOCKED}, so instances never
 * claim the same row) and in the same transaction turns each into an outbox message (idempotency
 * key {@code event-reminder:<id>}) and records it {@code sent}, or {@code skipped} with the reason:
 * the session already started (missed while the service was down; a reminder claimed late but
 * before the session starts is still sent), the registration was cancelled meanwhile, the member
 * asked for leave, quiet hours, or nobody to reach. A reminder claimed inside quiet hours (a
 * catch-up after downtime) is moved to the end of them when that is before the session.
 */
@ApplicationScoped
public class ReminderDispatcher {

    private static final String CLAIM = """
            select id from event_reminder where status = 'pending' and due_at <= ?
             order by due_at, id limit ? for update skip locked""";

    private static final String DETAILS = """
            select r.id, r.event_id, r.recipient_kind, r.recipient_ref, r.due_at, s.starts_at, s.status,
                   coalesce(s.venue, e.venue), e.code, e.title, e.status
              from event_reminder r join event_session s on s.id = r.session_id join event e on e.id = r.event_id
             where r.id in (%s)""";

    private static final String RECORD =
            "update event_reminder set status = ?, reason = ?, fired_at = ?, due_at = ? where id = ?";

    /** A claimed row with what its message needs. */
    record Due(
            long id,
            long eventId,
            String kind,
            String ref,
            Instant dueAt,
            Instant startsAt,
            String sessionStatus,
            String venue,
            String eventCode,
            String title,
            String eventStatus) {}

    /** What became of a claimed row. */
    private record Outcome(long id, String status, String reason, Instant firedAt, Instant dueAt) {}

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    EventConfig config;

    @Inject
    QuietHours quiet;

    @Inject
    EventAddressing addressing;

    @Inject
    Outbox outbox;

    @Inject
    ReminderTexts texts;

    @Inject
    ReminderMetrics metrics;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** One batch: claims up to {@code tongxin.event.reminder-batch} due rows and fires them; answers how many were claimed. */
    @Transactional
    public int fireDue() {
        Instant now = clock.instant();
        // nothing here changes an entity: without this, each addressing query would dirty-check the
        // batch's registrations again (quadratic in the batch size)
        session().setHibernateFlushMode(FlushMode.MANUAL);
        List<Due> due = session().doReturningWork(c -> claim(c, now, config.reminderBatch()));
        if (due.isEmpty()) {
            return 0;
        }
        Map<Long, Map<String, Registration>> registrations = registrations(due);
        Map<Long, Set<String>> onLeave = membersOnLeave(due);
        List<OutboundMessage> messages = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Due d : due) {
            outcomes.add(fire(d, now, registrations, onLeave, messages));
        }
        outbox.enqueueAll(messages);
        session().doWork(c -> record(c, outcomes));
        countOnCommit(outcomes);
        return due.size();
    }

    private Outcome fire(
            Due d,
            Instant now,
            Map<Long, Map<String, Registration>> registrations,
            Map<Long, Set<String>> onLeave,
            List<OutboundMessage> messages) {
        if (!d.eventStatus().equals(EventStatus.PUBLISHED.wire())) {
            return new Outcome(d.id(), "cancelled", "the event is " + d.eventStatus(), null, d.dueAt());
        }
        if (!d.sessionStatus().equals(SessionStatus.SCHEDULED.wire())) {
            return new Outcome(d.id(), "cancelled", "the session was cancelled", null, d.dueAt());
        }
        if (!now.isBefore(d.startsAt())) {
            return skipped(d, "missed while the service was down: the session had already started at " + d.startsAt());
        }
        Registration registration = null;
        if (d.kind().equals("registration")) {
            registration = registrations.getOrDefault(d.eventId(), Map.of()).get(d.ref());
            if (registration == null || registration.status != RegistrationStatus.REGISTERED) {
                return skipped(
                        d,
                        registration != null && registration.status == RegistrationStatus.WAITLISTED
                                ? "the registration went back to the waitlist meanwhile"
                                : "the registration was cancelled meanwhile");
            }
        } else if (onLeave.getOrDefault(d.eventId(), Set.of()).contains(d.ref())) {
            return skipped(d, "the member asked for leave or is no longer invited");
        }
        QuietHours.Decision when = quiet.decide(now, d.startsAt());
        if (when instanceof QuietHours.Decision.Skip skip) {
            return skipped(d, skip.reason());
        }
        Instant at = ((QuietHours.Decision.SendAt) when).at();
        if (at.isAfter(now)) {
            return new Outcome(d.id(), "pending", null, null, at); // claimed in quiet hours: moved to their end
        }
        String key = "event-reminder:" + d.id();
        Origin origin = Origin.of("event", d.eventCode());
        Optional<OutboundMessage> m;
        try {
            m = registration != null
                    ? addressing.toRegistrant(
                            registration, key, texts.reminder(d.title(), d.startsAt(), d.venue(), d.ref()), origin)
                    : addressing.toMember(
                            d.ref(), null, key, texts.reminder(d.title(), d.startsAt(), d.venue(), null), origin);
        } catch (IllegalArgumentException e) {
            return skipped(d, "the message could not be built: " + e.getMessage());
        }
        if (m.isEmpty()) {
            return skipped(
                    d,
                    registration != null
                            ? unreachableRegistrant(registration)
                            : "unreachable: member " + d.ref()
                                    + " has no chat identity on a channel that can message a person");
        }
        messages.add(m.get());
        return new Outcome(d.id(), "sent", null, now, d.dueAt());
    }

    /** The counters move only for what was committed (a rolled-back batch is claimed again). */
    private void countOnCommit(List<Outcome> outcomes) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                for (Outcome o : outcomes) {
                    if (o.status().equals("sent")) {
                        metrics.sent(Duration.between(o.dueAt(), o.firedAt()));
                    } else if (o.status().equals("skipped")) {
                        metrics.skipped();
                    }
                }
            }
        });
    }

    private static String unreachableRegistrant(Registration r) {
        return r.channelKey == null || r.userId == null
                ? "unreachable: the registration has no chat identity (made by API)"
                : "unreachable: channel '" + r.channelKey + "' cannot reach the registrant";
    }

    private static Outcome skipped(Due d, String reason) {
        return new Outcome(d.id(), "skipped", reason, null, d.dueAt());
    }

    private static List<Due> claim(Connection c, Instant now, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setObject(1, EventReminders.utc(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Due> out = new ArrayList<>();
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(DETAILS.formatted(in))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            rs.getObject(6, OffsetDateTime.class).toInstant(),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11)));
                }
            }
        }
        return out;
    }

    private static void record(Connection c, List<Outcome> outcomes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            for (Outcome o : outcomes) {
                ps.setString(1, o.status());
                ps.setString(
                        2,
                        o.reason() == null
                                ? null
                                : o.reason()
                                        .substring(0, Math.min(500, o.reason().length())));
                ps.setObject(3, o.firedAt() == null ? null : EventReminders.utc(o.firedAt()));
                ps.setObject(4, EventReminders.utc(o.dueAt()));
                ps.setLong(5, o.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The registrations the batch's rows name, per event, by code. */
    private static Map<Long, Map<String, Registration>> registrations(List<Due> due) {
        Map<Long, Set<String>> codes = refs(due, "registration");
        Map<Long, Map<String, Registration>> out = new HashMap<>();
        codes.forEach((eventId, refs) -> {
            List<Registration> found = Registration.list("eventId = ?1 and code in ?2", eventId, refs);
            out.put(eventId, found.stream().collect(Collectors.toMap(r -> r.code, r -> r)));
        });
        return out;
    }

    /** The members the batch's rows name who are no longer expected (on leave or no longer invited), per event. */
    private static Map<Long, Set<String>> membersOnLeave(List<Due> due) {
        Map<Long, Set<String>> out = new HashMap<>();
        refs(due, "member").forEach((eventId, refs) -> {
            Set<String> expected = EventInvitee.<EventInvitee>list(
                            "id.eventId = ?1 and id.memberCode in ?2 and rsvp in ?3",
                            eventId,
                            refs,
                            List.of(Rsvp.PENDING, Rsvp.ATTENDING))
                    .stream()
                    .map(i -> i.id.memberCode)
                    .collect(Collectors.toSet());
            Set<String> gone = new HashSet<>(refs);
            gone.removeAll(expected);
            out.put(eventId, gone);
        });
        return out;
    }

    private static Map<Long, Set<String>> refs(List<Due> due, String kind) {
        Map<Long, Set<String>> out = new HashMap<>();
        for (Due d : due) {
            if (d.kind().equals(kind)) {
                out.computeIfAbsent(d.eventId(), k -> new HashSet<>()).add(d.ref());
            }
        }
        return out;
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
