package io.tongxin.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * An event as an organizer writes it ({@code POST /api/events}, {@code PUT /api/events/{code}}, the
 * {@code events} seed kind). Checked field by field by {@link EventPlans}, which names the field of
 * the first error ({@code sessions[1].endsAt}, {@code weekly.lastDate}, {@code quotas.lz-xilu} ...).
 *
 * @param sessions   explicit sessions; or {@code weekly}, not both
 * @param capacity   places in all, 0 = unlimited
 * @param quotas     places per community code (optional)
 * @param invitedMemberCodes      members invited by code
 * @param invitedSectorCodes      every member of these sectors is invited too
 * @param invitedWorkstationCodes every member of these workstations is invited too; the three are
 *     resolved into one deduplicated set of invitees when the draft is saved (create or replace)
 * @param confirm    whether workstations and councils confirm passing the invitation on (default true)
 */
public record EventRequest(
        String code,
        String kind,
        String title,
        String description,
        String organizer,
        String venue,
        List<SessionRequest> sessions,
        WeeklyRequest weekly,
        Integer capacity,
        Map<String, Integer> quotas,
        AudienceRequest audience,
        List<String> invitedMemberCodes,
        List<String> invitedSectorCodes,
        List<String> invitedWorkstationCodes,
        List<String> reminderOffsets,
        Instant opensAt,
        Instant closesAt,
        Boolean confirm) {

    /** One session; {@code venue} null = the event's venue. */
    public record SessionRequest(Instant startsAt, Instant endsAt, String venue) {}

    /**
     * A weekly series in {@code tongxin.zone}; {@code venuesByDay} optionally gives a venue per day
     * of the week (a class taught on Saturdays at one campus and on Sundays at another), other days
     * take the event's venue.
     */
    public record WeeklyRequest(
            List<String> daysOfWeek,
            LocalTime startTime,
            LocalTime endTime,
            LocalDate firstDate,
            LocalDate lastDate,
            List<LocalDate> except,
            Map<String, String> venuesByDay) {}

    /** Chat groups chosen by what they are bound to, and explicitly. */
    public record AudienceRequest(
            List<String> communityCodes,
            List<String> workstationCodes,
            List<String> sectorCodes,
            List<String> groupCodes) {

        public static final AudienceRequest NONE = new AudienceRequest(List.of(), List.of(), List.of(), List.of());
    }
}
