package io.tongxin.event.reminder;

import io.tongxin.event.Event;
import io.tongxin.event.EventChanged;
import io.tongxin.event.EventSession;
import io.tongxin.event.EventStatus;
import io.tongxin.event.SessionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Plans an event's reminder rows whenever something that decides them changes ({@link EventChanged},
 * observed synchronously in the transaction of the change): one row per scheduled session × offset
 * ({@link Event#offsets()}) × recipient, where recipients are registrations with status
 * {@code registered} ({@code registration}, by registration code) and invited members who have not
 * asked for leave ({@code member}, by member code).
 * <ul>
 * <li>missing rows are inserted set-based ({@code INSERT … SELECT … ON CONFLICT DO NOTHING} on
 * {@code uq_event_reminder}, one statement per session and offset; a row already there costs one
 * probe of that index), with {@code due_at} = session
 * start − offset, moved out of quiet hours ({@link QuietHours}); a reminder whose time has already
 * passed when it is planned (a late sign-up) is not planned;</li>
 * <li>pending rows no longer wanted are cancelled with the reason (registration cancelled, member on
 * leave, session cancelled, offset removed, event cancelled or finished);</li>
 * <li>a moved session's pending rows get their new {@code due_at}; one whose new time has passed is
 * cancelled (the move notice told the people).</li>
 * </ul>
 * The people concerned by a move or a cancellation are told by {@link ChangeNotices}.
 */
@ApplicationScoped
public class EventReminders {

    static final String MOVED_PAST = "the session moved and this reminder's time has passed (the move was announced)";

    private static final String INSERT_REGISTRANTS = """
            insert into event_reminder (event_id, session_id, offset_iso, recipient_kind, recipient_ref, due_at, status)
            select ?, ?, ?, 'registration', g.code, ?, 'pending'
              from event_registration g where g.event_id = ? and g.status = 'registered'
            on conflict do nothing""";

    private static final String INSERT_MEMBERS = """
            insert into event_reminder (event_id, session_id, offset_iso, recipient_kind, recipient_ref, due_at, status)
            select ?, ?, ?, 'member', i.member_code, ?, 'pending'
              from event_invitee i where i.event_id = ? and i.rsvp in ('pending', 'attending')
            on conflict do nothing""";

    /**
     * Rows cancelled because their recipient was no longer wanted (leave, cancelled registration) come
     * back when the recipient is wanted again (attending after leave, registered again).
     */
    private static final String REVIVE = """
            update event_reminder set status = 'pending', reason = null, due_at = ?
             where session_id = ? and offset_iso = ? and status = 'cancelled'
               and ((recipient_kind = 'registration' and recipient_ref in (select g.code from event_registration g
                       where g.event_id = ? and g.status = 'registered'))
                 or (recipient_kind = 'member' and recipient_ref in (select i.member_code from event_invitee i
                       where i.event_id = ? and i.rsvp in ('pending', 'attending'))))""";

    private static final String CANCEL =
            "update event_reminder set status = 'cancelled', reason = ?" + " where event_id = ? and status = 'pending'";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    QuietHours quiet;

    @Inject
    ChangeNotices notices;

    /** Reacts to a change in the caller's transaction (required): a failure here rolls the change back. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onChange(@Observes EventChanged change) {
        em.flush(); // the change's own writes must be visible to the SQL below
        Event event = em.find(Event.class, change.eventId());
        if (event == null) {
            return;
        }
        Instant now = clock.instant();
        switch (change.change()) {
            case PUBLISHED, REGISTRATIONS, INVITEES -> plan(event, now);
            // a draft was never announced: its people are told nothing about its changes
            case SESSION_RESCHEDULED -> {
                EventSession s = session(event, change.sessionId());
                recompute(event, s, now);
                plan(event, now);
                if (event.publishedAt != null) {
                    notices.rescheduled(event, s);
                }
            }
            case SESSION_CANCELLED -> {
                EventSession s = session(event, change.sessionId());
                update(CANCEL + " and session_id = ?", "the session was cancelled", event.id, s.id);
                if (event.publishedAt != null) {
                    notices.sessionCancelled(event, s);
                }
            }
            case CANCELLED -> {
                update(CANCEL, "the event was cancelled", event.id);
                if (event.publishedAt != null) {
                    notices.eventCancelled(event);
                }
            }
            case FINISHED -> update(CANCEL, "the event finished", event.id);
        }
    }

    /** Makes the event's rows match who and when: cancels what is no longer wanted, inserts what is missing. */
    void plan(Event event, Instant now) {
        if (event.status != EventStatus.PUBLISHED) {
            if (event.status == EventStatus.CANCELLED || event.status == EventStatus.FINISHED) {
                update(CANCEL, "the event is " + event.status.wire(), event.id);
            }
            return;
        }
        List<Duration> offsets = event.offsets();
        update(
                CANCEL + " and session_id in (select s.id from event_session s where s.event_id = ? and s.status = ?)",
                "the session was cancelled",
                event.id,
                event.id,
                SessionStatus.CANCELLED.wire());
        if (offsets.isEmpty()) {
            update(CANCEL, "the event has no reminder offsets", event.id);
        } else {
            String in = offsets.stream().map(o -> "?").collect(Collectors.joining(", "));
            Object[] args = new Object[offsets.size() + 2];
            args[0] = "the reminder offset was removed";
            args[1] = event.id;
            for (int i = 0; i < offsets.size(); i++) {
                args[i + 2] = offsets.get(i).toString();
            }
            update(CANCEL + " and offset_iso not in (" + in + ")", args);
        }
        update(
                // NOT IN (a hashed subplan on PostgreSQL): one probe per row, not a scan per row
                CANCEL + " and recipient_kind = 'registration' and recipient_ref not in (select g.code"
                        + " from event_registration g where g.event_id = ? and g.status = 'registered')",
                "the registration is no longer registered",
                event.id,
                event.id);
        update(
                CANCEL + " and recipient_kind = 'member' and recipient_ref not in (select i.member_code"
                        + " from event_invitee i where i.event_id = ? and i.rsvp in ('pending', 'attending'))",
                "the member asked for leave or is no longer invited",
                event.id,
                event.id);
        session().doWork(c -> insertMissing(c, event, offsets, now));
    }

    private void insertMissing(Connection c, Event event, List<Duration> offsets, Instant now) throws SQLException {
        try (PreparedStatement revive = c.prepareStatement(REVIVE);
                PreparedStatement regs = c.prepareStatement(INSERT_REGISTRANTS);
                PreparedStatement members = c.prepareStatement(INSERT_MEMBERS)) {
            for (EventSession s : event.scheduledSessions()) {
                for (Duration offset : offsets) {
                    Instant nominal = s.startsAt.minus(offset);
                    if (!nominal.isAfter(now)) {
                        continue; // too late for this one (a late sign-up): not planned
                    }
                    OffsetDateTime due = utc(dueAt(nominal, s.startsAt));
                    revive.setObject(1, due);
                    revive.setLong(2, s.id);
                    revive.setString(3, offset.toString());
                    revive.setLong(4, event.id);
                    revive.setLong(5, event.id);
                    revive.addBatch();
                    for (PreparedStatement ps : List.of(regs, members)) {
                        ps.setLong(1, event.id);
                        ps.setLong(2, s.id);
                        ps.setString(3, offset.toString());
                        ps.setObject(4, due);
                        ps.setLong(5, event.id);
                        ps.addBatch();
                    }
                }
            }
            revive.executeBatch();
            regs.executeBatch();
            members.executeBatch();
        }
    }

    /** A moved session: its pending rows (and those cancelled only because an earlier move made them late) get the new time. */
    private void recompute(Event event, EventSession s, Instant now) {
        if (s.status != SessionStatus.SCHEDULED) {
            return;
        }
        for (Duration offset : event.offsets()) {
            Instant nominal = s.startsAt.minus(offset);
            String rows = " where session_id = ? and offset_iso = ?"
                    + " and (status = 'pending' or (status = 'cancelled' and reason = ?))";
            if (nominal.isAfter(now)) {
                update(
                        "update event_reminder set status = 'pending', reason = null, due_at = ?" + rows,
                        utc(dueAt(nominal, s.startsAt)),
                        s.id,
                        offset.toString(),
                        MOVED_PAST);
            } else {
                update(
                        "update event_reminder set status = 'cancelled', reason = ?" + rows,
                        MOVED_PAST,
                        s.id,
                        offset.toString(),
                        MOVED_PAST);
            }
        }
    }

    /**
     * Quiet hours are applied when planning, so {@code due_at} (and the API) says when a reminder really
     * goes; a reminder to be skipped keeps its nominal time and the dispatcher records the reason.
     */
    private Instant dueAt(Instant nominal, Instant sessionStart) {
        return quiet.decide(nominal, sessionStart) instanceof QuietHours.Decision.SendAt at ? at.at() : nominal;
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static EventSession session(Event event, Long sessionId) {
        return event.sessions.stream()
                .filter(s -> s.id.equals(sessionId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "session " + sessionId + " is not a session of event " + event.code));
    }

    private int update(String sql, Object... args) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < args.length; i++) {
            q.setParameter(i + 1, args[i]);
        }
        return q.executeUpdate();
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
