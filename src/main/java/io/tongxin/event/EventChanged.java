package io.tongxin.event;

/**
 * Fired (CDI, synchronously, inside the transaction of the change) whenever something that decides
 * an event's reminders or its people changes, so the reminder planner can recompute the event's
 * reminder rows and tell the people concerned in the same transaction:
 * {@code @Observes EventChanged} in {@code EventReminders}.
 *
 * @param eventId   the event
 * @param change    what changed
 * @param sessionId the session concerned for {@link Change#SESSION_RESCHEDULED} and
 *                  {@link Change#SESSION_CANCELLED}, else null
 */
public record EventChanged(long eventId, Change change, Long sessionId) {

    public enum Change {
        /** Published: reminders for the invited members (and registrations made before) are planned. */
        PUBLISHED,
        /** A registration was created, cancelled, promoted from the waitlist or its status changed. */
        REGISTRATIONS,
        /** An invited member answered (attending / leave) or invitees changed. */
        INVITEES,
        /** A session moved (new start, end or venue): its reminders are recomputed, its people told. */
        SESSION_RESCHEDULED,
        /** A session was cancelled: its pending reminders are cancelled, its people told. */
        SESSION_CANCELLED,
        /** The whole event was cancelled: every pending reminder is cancelled, everyone registered told. */
        CANCELLED,
        /** The event finished (after its last session): nothing more is sent for it. */
        FINISHED
    }

    public static EventChanged of(long eventId, Change change) {
        return new EventChanged(eventId, change, null);
    }

    public static EventChanged ofSession(long eventId, Change change, long sessionId) {
        return new EventChanged(eventId, change, sessionId);
    }
}
