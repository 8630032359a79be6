package io.tongxin.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event as the API answers it (also an announcement's view). Sessions carry their number and code
 * ({@code <event>-<n>}); {@code deliveredGroups} counts the groups the invitation was posted to
 * when it was published; {@code opinionNumbers} lists the opinions filed when a meeting was closed.
 */
public record EventView(
        String code,
        EventKind kind,
        String title,
        String description,
        String organizer,
        String venue,
        EventStatus status,
        int capacity,
        Map<String, Integer> quotas,
        Audience audience,
        List<String> invitedMemberCodes,
        List<String> reminderOffsets,
        Instant opensAt,
        Instant closesAt,
        boolean confirm,
        List<Session> sessions,
        Instant publishedAt,
        Instant finishedAt,
        Instant cancelledAt,
        String cancelReason,
        Instant closedAt,
        String minutes,
        List<String> opinionNumbers,
        long deliveredGroups,
        Instant createdAt,
        Instant updatedAt) {

    /** One session; {@code venue} is where it takes place (its own or the event's). */
    public record Session(
            int number, String code, Instant startsAt, Instant endsAt, String venue, SessionStatus status) {}

    /** The audience as chosen, by code. */
    public record Audience(
            List<String> communityCodes,
            List<String> workstationCodes,
            List<String> sectorCodes,
            List<String> groupCodes) {}
}
