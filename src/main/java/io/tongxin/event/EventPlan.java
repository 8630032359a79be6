package io.tongxin.event;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * An event as checked and normalised from an {@link EventRequest} (codes stripped, lists sorted and
 * deduplicated, the weekly pattern expanded, defaults filled in), or as read back from the database:
 * two equal plans describe the same event, which makes a seed import idempotent.
 */
record EventPlan(
        String code,
        EventKind kind,
        String title,
        String description,
        String organizer,
        String venue,
        int capacity,
        SortedMap<String, Integer> quotas,
        Audience audience,
        List<String> invitees,
        String reminderOffsets,
        Instant opensAt,
        Instant closesAt,
        boolean confirm,
        List<Planned> sessions) {

    /** The audience's codes, each list sorted and without duplicates. */
    record Audience(
            List<String> communityCodes,
            List<String> workstationCodes,
            List<String> sectorCodes,
            List<String> groupCodes) {

        boolean isEmpty() {
            return communityCodes.isEmpty()
                    && workstationCodes.isEmpty()
                    && sectorCodes.isEmpty()
                    && groupCodes.isEmpty();
        }
    }

    /** A session to be; {@code venue} null = the event's. */
    record Planned(Instant startsAt, Instant endsAt, String venue) {}
}
