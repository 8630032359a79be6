package io.tongxin.event;

import io.tongxin.dialogue.Notice;
import io.tongxin.dialogue.NoticeCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The notices the event core sends (invitations, nudges, escalations) as {@link Notice}s worded by {@code bot-scripts/notices-event.yaml}
 * in the language of the channel each goes out on. Keys and variables: docs/events.md ("Notice
 * templates"), declared with samples in {@link #notices()}.
 */
@ApplicationScoped
class EventMessages implements NoticeCatalog {

    static final String GROUP_INVITATION = "event.invitation-group";
    static final String MEMBER_INVITATION = "event.invitation-member";
    static final String CONFIRMATION_NUDGE = "event.confirmation-nudge";
    static final String CONFIRMATION_ESCALATION = "event.confirmation-escalation";
    static final String RSVP_NUDGE = "event.rsvp-nudge";

    /** Sessions listed one by one in an invitation; longer series are summarised. */
    private static final int LISTED_SESSIONS = 8;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Inject
    ZoneId zone;

    /** The invitation posted to each audience group. */
    Notice groupInvitation(Event e) {
        return new Notice(GROUP_INVITATION, invitation(e));
    }

    /** The invitation to one invited member. */
    Notice memberInvitation(Event e) {
        return new Notice(MEMBER_INVITATION, invitation(e));
    }

    /** Reminds a unit that has not confirmed passing the invitation on. */
    Notice confirmationNudge(Event e, String unitName) {
        return new Notice(CONFIRMATION_NUDGE, Map.of("title", e.title, "code", e.code, "unit", unitName));
    }

    /** Tells the organizers which units have still not confirmed. */
    Notice confirmationEscalation(Event e, List<String> unitNames) {
        return new Notice(
                CONFIRMATION_ESCALATION, Map.of("title", e.title, "code", e.code, "units", List.copyOf(unitNames)));
    }

    /** Reminds an invited member who has not answered. */
    Notice rsvpNudge(Event e) {
        return new Notice(RSVP_NUDGE, Map.of("title", e.title, "code", e.code));
    }

    /** The variables of an invitation: the event and its sessions (the first few; longer series are summarised). */
    private Map<String, Object> invitation(Event e) {
        List<EventSession> all = e.kind == EventKind.ANNOUNCEMENT ? List.of() : e.scheduledSessions();
        List<Map<String, Object>> listed =
                all.stream().limit(LISTED_SESSIONS).map(s -> session(e, s)).toList();
        Map<String, Object> v = new HashMap<>();
        v.put("kind", e.kind.name().toLowerCase(Locale.ROOT));
        v.put("title", e.title);
        v.put("description", nz(e.description));
        v.put("organizer", nz(e.organizer));
        v.put("venue", nz(e.venue));
        v.put("code", e.code);
        v.put("confirm", e.confirm);
        v.put("sessions", listed);
        v.put("sessionCount", all.size());
        v.put("more", all.size() > LISTED_SESSIONS);
        v.put("last", all.isEmpty() ? session(e, null) : session(e, all.get(all.size() - 1)));
        return v;
    }

    /**
     * A session for templates, in {@code tongxin.zone}: {@code date}, {@code weekdayZh} (周五),
     * {@code weekdayEn} (Fri), {@code start}, {@code end} (a time, or a date and time when it ends
     * another day), {@code venue} (its own venue when not the event's, else {@code ""}).
     */
    private Map<String, Object> session(Event e, EventSession s) {
        if (s == null) {
            return Map.of("date", "", "weekdayZh", "", "weekdayEn", "", "start", "", "end", "", "venue", "");
        }
        ZonedDateTime a = s.startsAt.atZone(zone);
        ZonedDateTime b = s.endsAt.atZone(zone);
        String end = a.toLocalDate().equals(b.toLocalDate()) ? TIME.format(b) : DAY.format(b) + " " + TIME.format(b);
        // a session's own venue (another campus) on its line; the event's venue has its own line
        String venue = s.venue == null || s.venue.equals(e.venue) ? "" : s.venue;
        return Map.of(
                "date",
                DAY.format(a),
                "weekdayZh",
                a.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.SIMPLIFIED_CHINESE), // 周一 … 周日 (CLDR)
                "weekdayEn",
                a.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                "start",
                TIME.format(a),
                "end",
                end,
                "venue",
                venue);
    }

    @Override
    public Map<String, List<Map<String, Object>>> notices() {
        Map<String, Object> s1 = Map.of(
                "date",
                "2026-05-01",
                "weekdayZh",
                "周五",
                "weekdayEn",
                "Fri",
                "start",
                "18:00",
                "end",
                "20:00",
                "venue",
                "");
        Map<String, Object> s2 = Map.of(
                "date",
                "2026-05-08",
                "weekdayZh",
                "周五",
                "weekdayEn",
                "Fri",
                "start",
                "18:00",
                "end",
                "2026-05-09 09:00",
                "venue",
                "城南校区");
        Map<String, Object> klass = new HashMap<>();
        klass.put("kind", "class");
        klass.put("title", "街舞公益课堂");
        klass.put("description", "面向 8-14 岁少年儿童");
        klass.put("organizer", "县文化馆");
        klass.put("venue", "山丹县文化馆");
        klass.put("code", "JIEWU-2026");
        klass.put("confirm", true);
        klass.put("sessions", List.of(s1, s2));
        klass.put("sessionCount", 10);
        klass.put("more", true);
        klass.put("last", s2);
        Map<String, Object> meeting = new HashMap<>(klass);
        meeting.putAll(Map.of(
                "kind",
                "meeting",
                "description",
                "",
                "organizer",
                "",
                "venue",
                "",
                "confirm",
                false,
                "sessions",
                List.of(s1),
                "sessionCount",
                1,
                "more",
                false,
                "last",
                s1));
        Map<String, Object> announcement = new HashMap<>(meeting);
        announcement.putAll(Map.of(
                "kind",
                "announcement",
                "description",
                "五一期间办公时间调整",
                "confirm",
                true,
                "sessions",
                List.of(),
                "sessionCount",
                0));
        List<Map<String, Object>> invitations = List.of(klass, meeting, announcement);
        return Map.of(
                GROUP_INVITATION,
                invitations,
                MEMBER_INVITATION,
                invitations,
                CONFIRMATION_NUDGE,
                List.of(Map.of("title", "街舞公益课堂", "code", "JIEWU-2026", "unit", "静安门社区协商议事会")),
                CONFIRMATION_ESCALATION,
                List.of(Map.of("title", "街舞公益课堂", "code", "JIEWU-2026", "units", List.of("静安门社区协商议事会", "临夏路工作站"))),
                RSVP_NUDGE,
                List.of(Map.of("title", "街舞公益课堂", "code", "JIEWU-2026")));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
