package io.tongxin.event.reminder;

import io.tongxin.dialogue.Notice;
import io.tongxin.dialogue.NoticeCatalog;
import io.tongxin.event.Event;
import io.tongxin.event.EventSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reminders, move and cancellation notices and the digest say, as {@link Notice}s worded by
 * {@code bot-scripts/notices-event.yaml} in the language of the channel each goes out on. Times are
 * given in {@code tongxin.zone} as a {@code moment} (see {@link #moment}); keys and variables are
 * listed in docs/events.md ("Notice templates") and declared with samples in {@link #notices()}.
 */
@ApplicationScoped
public class ReminderTexts implements NoticeCatalog {

    static final String REMINDER = "event.reminder";
    static final String MOVED = "event.session-moved";
    static final String SESSION_CANCELLED = "event.session-cancelled";
    static final String CANCELLED = "event.cancelled";
    static final String DIGEST = "event.digest";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Inject
    ZoneId zone;

    /** One reminder; {@code registrationCode} null for an invited member. */
    public Notice reminder(String title, Instant startsAt, String venue, String registrationCode) {
        return new Notice(
                REMINDER,
                Map.of(
                        "title",
                        title,
                        "starts",
                        moment(startsAt),
                        "venue",
                        nz(venue),
                        "registration",
                        nz(registrationCode)));
    }

    public Notice moved(Event e, EventSession s, String registrationCode) {
        return new Notice(
                MOVED,
                Map.of(
                        "title",
                        e.title,
                        "session",
                        s.number,
                        "starts",
                        moment(s.startsAt),
                        "venue",
                        nz(s.venueOrDefault()),
                        "registration",
                        nz(registrationCode)));
    }

    public Notice sessionCancelled(Event e, EventSession s) {
        return new Notice(
                SESSION_CANCELLED, Map.of("title", e.title, "session", s.number, "starts", moment(s.startsAt)));
    }

    public Notice eventCancelled(Event e) {
        String reason = e.cancelReason == null || e.cancelReason.isBlank() ? "" : e.cancelReason;
        return new Notice(CANCELLED, Map.of("title", e.title, "reason", reason));
    }

    /** One line per session of tomorrow: time, title, venue, registered count. */
    public record DigestLine(
            Instant startsAt, String eventCode, String title, int number, String venue, long registered) {}

    public Notice digest(LocalDate day, List<DigestLine> lines) {
        List<Map<String, Object>> rows = lines.stream()
                .map(l -> Map.<String, Object>of(
                        "time",
                        TIME.format(l.startsAt().atZone(zone)),
                        "title",
                        l.title(),
                        "event",
                        l.eventCode(),
                        "session",
                        l.number(),
                        "venue",
                        nz(l.venue()),
                        "registered",
                        l.registered()))
                .toList();
        return new Notice(DIGEST, Map.of("day", DAY.format(day), "count", lines.size(), "sessions", rows));
    }

    /**
     * A time in {@code tongxin.zone} for templates: {@code date} (2026-05-01), {@code time} (18:00),
     * {@code weekdayZh} (周五), {@code weekdayEn} (Fri).
     */
    Map<String, Object> moment(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        return moment(z);
    }

    static Map<String, Object> moment(ZonedDateTime z) {
        return Map.of(
                "date",
                DAY.format(z),
                "time",
                TIME.format(z),
                "weekdayZh",
                z.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.SIMPLIFIED_CHINESE),
                "weekdayEn",
                z.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
    }

    @Override
    public Map<String, List<Map<String, Object>>> notices() {
        Map<String, Object> starts = moment(ZonedDateTime.of(2026, 5, 1, 18, 0, 0, 0, ZoneId.of("Asia/Shanghai")));
        Map<String, Object> reminder =
                Map.of("title", "街舞公益课堂", "starts", starts, "venue", "山丹县文化馆", "registration", "K7Q2MZ4H");
        Map<String, Object> bare = new HashMap<>(reminder);
        bare.putAll(Map.of("venue", "", "registration", ""));
        Map<String, Object> moved = new HashMap<>(reminder);
        moved.put("session", 2);
        Map<String, Object> movedBare = new HashMap<>(bare);
        movedBare.put("session", 2);
        Map<String, Object> line = Map.of(
                "time", "09:30",
                "title", "街舞公益课堂",
                "event", "JIEWU-2026",
                "session", 1,
                "venue", "山丹县文化馆",
                "registered", 12L);
        Map<String, Object> noVenue = new HashMap<>(line);
        noVenue.put("venue", "");
        return Map.of(
                REMINDER,
                List.of(reminder, bare),
                MOVED,
                List.of(moved, movedBare),
                SESSION_CANCELLED,
                List.of(Map.of("title", "街舞公益课堂", "session", 2, "starts", starts)),
                CANCELLED,
                List.of(Map.of("title", "街舞公益课堂", "reason", "场地维修"), Map.of("title", "街舞公益课堂", "reason", "")),
                DIGEST,
                List.of(Map.of("day", "2026-05-02", "count", 2, "sessions", List.of(line, noVenue))));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
