package io.tongxin.event.reminder;

import java.time.Instant;

/**
 * One reminder row as the API shows it.
 *
 * @param recipientKind {@code registration} (recipientRef = registration code) or {@code member} (member code)
 * @param offset the ISO-8601 duration before the session ({@code PT24H})
 * @param dueAt when it goes (quiet hours applied)
 * @param status pending | sent | skipped | cancelled
 * @param reason why it was skipped or cancelled
 * @param firedAt when it went into the outbox
 */
public record ReminderView(
        long id,
        String sessionCode,
        int sessionNumber,
        Instant sessionStartsAt,
        String offset,
        String recipientKind,
        String recipientRef,
        Instant dueAt,
        String status,
        String reason,
        Instant firedAt) {}
