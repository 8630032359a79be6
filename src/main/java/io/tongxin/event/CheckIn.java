package io.tongxin.event;

import java.time.Instant;

/**
 * A participant checked in to a session.
 *
 * @param alreadyCheckedIn true when this check-in had been recorded before (nothing changed)
 */
public record CheckIn(
        String registrationCode,
        String participantName,
        int session,
        String sessionCode,
        Instant checkedInAt,
        String checkedInBy,
        boolean alreadyCheckedIn) {}
