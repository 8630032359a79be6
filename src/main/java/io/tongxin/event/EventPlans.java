package io.tongxin.event;

import io.tongxin.directory.Directory;
import io.tongxin.shared.BlankText;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks an {@link EventRequest} into an {@link EventPlan}, naming the field of the first error
 * (nothing is written before the whole request is checked), and writes a plan onto an {@link Event}.
 * References are checked through the {@link Directory} facade.
 */
@ApplicationScoped
class EventPlans {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");

    static final String DEFAULT_OFFSETS = "PT24H,PT2H";

    private static final Duration MAX_OFFSET = Duration.ofDays(90);

    @Inject
    Directory directory;

    @Inject
    ZoneId zone;

    /** A meeting or class from {@code POST/PUT /api/events} or a seed; {@code pathCode} for a PUT. */
    EventPlan plan(EventRequest r, String pathCode) {
        if (r == null) {
            throw DomainException.invalidField("body", "an event is required");
        }
        String code = code(r.code(), pathCode);
        EventKind kind = kind(r.kind());
        String title = text("title", r.title(), 200, true);
        String description = text("description", r.description(), 4000, false);
        String organizer = text("organizer", r.organizer(), 200, false);
        String venue = text("venue", r.venue(), 200, false);
        List<EventPlan.Planned> sessions = sessions(r);
        if (venue == null && sessions.stream().anyMatch(s -> s.venue() == null)) {
            throw DomainException.invalidField("venue", "required unless every session has its own venue");
        }
        int capacity = capacity(r.capacity());
        TreeMap<String, Integer> quotas = quotas(r.quotas());
        EventPlan.Audience audience = audience(r.audience());
        List<String> invitees = invitees(r);
        String offsets = offsets(r.reminderOffsets());
        inRange("opensAt", r.opensAt());
        inRange("closesAt", r.closesAt());
        if (r.opensAt() != null && r.closesAt() != null && !r.closesAt().isAfter(r.opensAt())) {
            throw DomainException.invalidField("closesAt", "must be after opensAt");
        }
        return new EventPlan(
                code,
                kind,
                title,
                description,
                organizer,
                venue,
                capacity,
                quotas,
                audience,
                invitees,
                offsets,
                r.opensAt(),
                r.closesAt(),
                r.confirm() == null || r.confirm(),
                sessions);
    }

    /** An announcement: no sessions, no registrations; at least one group or member to reach. */
    EventPlan announcement(
            String rawCode,
            String rawTitle,
            String rawText,
            EventRequest.AudienceRequest rawAudience,
            List<String> rawMembers,
            Boolean confirm) {
        String code = code(rawCode, null);
        String title = text("title", rawTitle, 200, true);
        String text = text("text", rawText, 4000, true);
        EventPlan.Audience audience = audience(rawAudience);
        List<String> members = members(rawMembers);
        if (audience.isEmpty() && members.isEmpty()) {
            throw DomainException.invalidField(
                    "audience", "choose at least one community, workstation, sector, group or member");
        }
        return new EventPlan(
                code,
                EventKind.ANNOUNCEMENT,
                title,
                text,
                null,
                null,
                0,
                new TreeMap<>(),
                audience,
                members,
                "",
                null,
                null,
                Boolean.TRUE.equals(confirm),
                List.of());
    }

    /** The plan an event already stored describes (for comparing with a new one). */
    static EventPlan of(Event e, EventPlan.Audience audience, List<String> invitees) {
        return new EventPlan(
                e.code,
                e.kind,
                e.title,
                e.description,
                e.organizer,
                e.venue,
                e.capacity,
                new TreeMap<>(e.quotas),
                audience,
                invitees,
                e.reminderOffsets,
                e.opensAt,
                e.closesAt,
                e.confirm,
                e.sessions.stream()
                        .map(s -> new EventPlan.Planned(s.startsAt, s.endsAt, s.venue))
                        .toList());
    }

    /**
     * Writes the plan's own fields and sessions onto the event (audience and invitees are rows of
     * their own: {@link EventPeople}). Sessions are updated in place by number, so their ids and codes
     * stay (a new session gets the next number, surplus ones are removed).
     */
    static void apply(EventPlan p, Event e) {
        e.code = p.code();
        e.kind = p.kind();
        e.title = p.title();
        e.description = p.description();
        e.organizer = p.organizer();
        e.venue = p.venue();
        e.capacity = p.capacity();
        e.quotas.clear();
        e.quotas.putAll(p.quotas());
        e.reminderOffsets = p.reminderOffsets();
        e.opensAt = p.opensAt();
        e.closesAt = p.closesAt();
        e.confirm = p.confirm();
        List<EventPlan.Planned> planned = p.sessions();
        while (e.sessions.size() > planned.size()) {
            e.sessions.remove(e.sessions.size() - 1);
        }
        for (int i = 0; i < planned.size(); i++) {
            EventSession s;
            if (i < e.sessions.size()) {
                s = e.sessions.get(i);
            } else {
                s = new EventSession();
                s.event = e;
                s.number = i + 1;
                s.code = e.code + "-" + s.number;
                e.sessions.add(s);
            }
            s.startsAt = planned.get(i).startsAt();
            s.endsAt = planned.get(i).endsAt();
            s.venue = planned.get(i).venue();
            s.status = SessionStatus.SCHEDULED;
        }
    }

    private static String code(String raw, String pathCode) {
        String code = raw == null || raw.isBlank() ? pathCode : raw.strip();
        if (code == null) {
            throw DomainException.invalidField("code", "required");
        }
        if (pathCode != null && !code.equals(pathCode)) {
            throw DomainException.invalidField("code", "must be '" + pathCode + "' (the code in the path) or absent");
        }
        if (!CODE.matcher(code).matches()) {
            throw DomainException.invalidField(
                    "code", "use letters, digits, '.', '-' and '_' (starting with a letter or digit), at most 60");
        }
        return code;
    }

    private static EventKind kind(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalidField("kind", "required: meeting or class");
        }
        try {
            EventKind k = EventKind.fromWire(raw);
            if (k == EventKind.ANNOUNCEMENT) {
                throw DomainException.invalidField("kind", "announcements are made with POST /api/announcements");
            }
            return k;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidField("kind", "must be meeting or class");
        }
    }

    private static String text(String field, String raw, int max, boolean required) {
        String v = raw == null ? null : raw.strip();
        if (BlankText.isBlank(v)) {
            if (required) {
                throw DomainException.invalidField(field, "must not be blank");
            }
            return null;
        }
        if (v.length() > max) {
            throw DomainException.invalidField(field, "at most " + max + " characters");
        }
        return v;
    }

    private List<EventPlan.Planned> sessions(EventRequest r) {
        boolean explicit = r.sessions() != null && !r.sessions().isEmpty();
        if (explicit && r.weekly() != null) {
            throw DomainException.invalidField("weekly", "give either sessions or weekly, not both");
        }
        if (!explicit && r.weekly() == null) {
            throw DomainException.invalidField("sessions", "give at least one session, or a weekly pattern");
        }
        List<EventPlan.Planned> out = new ArrayList<>();
        if (explicit) {
            if (r.sessions().size() > WeeklyPattern.MAX_SESSIONS) {
                throw DomainException.invalidField("sessions", "at most " + WeeklyPattern.MAX_SESSIONS);
            }
            for (int i = 0; i < r.sessions().size(); i++) {
                EventRequest.SessionRequest s = r.sessions().get(i);
                String f = "sessions[" + i + "]";
                if (s == null || s.startsAt() == null) {
                    throw DomainException.invalidField(f + ".startsAt", "required");
                }
                if (s.endsAt() == null) {
                    throw DomainException.invalidField(f + ".endsAt", "required");
                }
                inRange(f + ".startsAt", s.startsAt());
                inRange(f + ".endsAt", s.endsAt());
                if (!s.endsAt().isAfter(s.startsAt())) {
                    throw DomainException.invalidField(f + ".endsAt", "must be after startsAt");
                }
                out.add(new EventPlan.Planned(s.startsAt(), s.endsAt(), text(f + ".venue", s.venue(), 200, false)));
            }
            out.sort(java.util.Comparator.comparing(EventPlan.Planned::startsAt));
            return out;
        }
        EventRequest.WeeklyRequest w = r.weekly();
        if (w.daysOfWeek() == null || w.daysOfWeek().isEmpty()) {
            throw DomainException.invalidField("weekly.daysOfWeek", "give at least one day");
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (int i = 0; i < w.daysOfWeek().size(); i++) {
            days.add(WeeklyPattern.parseDay(
                    "weekly.daysOfWeek[" + i + "]", w.daysOfWeek().get(i)));
        }
        require("weekly.startTime", w.startTime());
        require("weekly.endTime", w.endTime());
        if (!w.endTime().isAfter(w.startTime())) {
            throw DomainException.invalidField("weekly.endTime", "must be after startTime");
        }
        require("weekly.firstDate", w.firstDate());
        require("weekly.lastDate", w.lastDate());
        inRange("weekly.firstDate", w.firstDate());
        inRange("weekly.lastDate", w.lastDate());
        if (w.lastDate().isBefore(w.firstDate())) {
            throw DomainException.invalidField("weekly.lastDate", "must not be before firstDate");
        }
        if (w.lastDate().isAfter(w.firstDate().plusYears(3))) {
            throw DomainException.invalidField("weekly.lastDate", "at most three years after firstDate");
        }
        java.util.EnumMap<DayOfWeek, String> venues = new java.util.EnumMap<>(DayOfWeek.class);
        if (w.venuesByDay() != null) {
            for (Map.Entry<String, String> v : w.venuesByDay().entrySet()) {
                String f = "weekly.venuesByDay." + v.getKey();
                venues.put(WeeklyPattern.parseDay(f, v.getKey()), text(f, v.getValue(), 200, true));
            }
        }
        WeeklyPattern pattern = new WeeklyPattern(
                WeeklyPattern.days(days),
                w.startTime(),
                w.endTime(),
                w.firstDate(),
                w.lastDate(),
                w.except() == null ? java.util.Set.of() : new HashSet<>(w.except()));
        List<WeeklyPattern.Occurrence> occurrences = pattern.expand(zone);
        if (occurrences.isEmpty()) {
            throw DomainException.invalidField("weekly", "the pattern gives no session between firstDate and lastDate");
        }
        for (WeeklyPattern.Occurrence o : occurrences) {
            out.add(new EventPlan.Planned(
                    o.startsAt(),
                    o.endsAt(),
                    venues.get(o.startsAt().atZone(zone).getDayOfWeek())));
        }
        return out;
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw DomainException.invalidField(field, "required");
        }
    }

    private static int capacity(Integer raw) {
        if (raw == null) {
            return 0;
        }
        if (raw < 0) {
            throw DomainException.invalidField("capacity", "must be 0 (unlimited) or more");
        }
        return raw;
    }

    private TreeMap<String, Integer> quotas(Map<String, Integer> raw) {
        TreeMap<String, Integer> out = new TreeMap<>();
        if (raw == null) {
            return out;
        }
        for (Map.Entry<String, Integer> q : raw.entrySet()) {
            String f = "quotas." + q.getKey();
            if (q.getValue() == null || q.getValue() < 0) {
                throw DomainException.invalidField(f, "must be 0 or more");
            }
            String code = q.getKey().strip();
            if (directory.findCommunity(code).isEmpty()) {
                throw DomainException.invalidField(f, "no community with code '" + code + "'");
            }
            out.put(code, q.getValue());
        }
        return out;
    }

    private EventPlan.Audience audience(EventRequest.AudienceRequest raw) {
        EventRequest.AudienceRequest a = raw == null ? EventRequest.AudienceRequest.NONE : raw;
        return new EventPlan.Audience(
                codes(
                        "audience.communityCodes",
                        a.communityCodes(),
                        "community",
                        c -> directory.findCommunity(c).isPresent()),
                codes(
                        "audience.workstationCodes",
                        a.workstationCodes(),
                        "workstation",
                        c -> directory.findWorkstation(c).isPresent()),
                codes(
                        "audience.sectorCodes",
                        a.sectorCodes(),
                        "sector",
                        c -> directory.findSector(c).isPresent()),
                codes(
                        "audience.groupCodes",
                        a.groupCodes(),
                        "group",
                        c -> directory.findGroup(c).isPresent()));
    }

    /**
     * The invited members: those named, and every member of the invited sectors and workstations,
     * resolved now through the {@link Directory} (each member once, sorted). Each code is checked
     * first, so an unknown one is refused naming its field and nothing is stored.
     */
    private List<String> invitees(EventRequest r) {
        TreeSet<String> out = new TreeSet<>(members(r.invitedMemberCodes()));
        List<String> sectors = codes(
                "invitedSectorCodes",
                r.invitedSectorCodes(),
                "sector",
                c -> directory.findSector(c).isPresent());
        List<String> workstations = codes(
                "invitedWorkstationCodes",
                r.invitedWorkstationCodes(),
                "workstation",
                c -> directory.findWorkstation(c).isPresent());
        for (String s : sectors) {
            directory.membersOfSector(s).forEach(m -> out.add(m.code()));
        }
        for (String w : workstations) {
            directory.membersOfWorkstation(w).forEach(m -> out.add(m.code()));
        }
        return List.copyOf(out);
    }

    private List<String> members(List<String> raw) {
        return codes("invitedMemberCodes", raw, "member", directory::memberExists);
    }

    private static List<String> codes(String field, Collection<String> raw, String what, Predicate<String> exists) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > 20_000) {
            throw DomainException.invalidField(field, "at most 20000 codes");
        }
        TreeSet<String> out = new TreeSet<>();
        int i = 0;
        for (String c : raw) {
            String f = field + "[" + i++ + "]";
            if (c == null || c.isBlank()) {
                throw DomainException.invalidField(f, "must not be blank");
            }
            String code = c.strip();
            if (out.add(code) && !exists.test(code)) {
                throw DomainException.invalidField(f, "no " + what + " with code '" + code + "'");
            }
        }
        return List.copyOf(out);
    }

    private static String offsets(List<String> raw) {
        if (raw == null) {
            return DEFAULT_OFFSETS;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String f = "reminderOffsets[" + i + "]";
            Duration d;
            try {
                d = Duration.parse(Objects.requireNonNull(raw.get(i), "").strip());
            } catch (DateTimeException | NullPointerException e) {
                throw DomainException.invalidField(f, "'" + raw.get(i) + "' is not an ISO-8601 duration such as PT2H");
            }
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_OFFSET) > 0) {
                throw DomainException.invalidField(f, "must be more than zero and at most 90 days (P90D)");
            }
            if (!out.contains(d.toString())) {
                out.add(d.toString());
            }
        }
        String joined = String.join(",", out);
        if (joined.length() > 200) {
            throw DomainException.invalidField("reminderOffsets", "too many offsets");
        }
        return joined;
    }

    /** Times an event may name: years 1970 to 9999 (beyond them a time is a typo or a probe, and the database's range ends). */
    private static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;

    private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");

    /** A day of a weekly pattern: years 1970 to 9998 (its sessions, in any zone, stay inside {@link #inRange}). */
    static void inRange(String field, java.time.LocalDate d) {
        if (d != null && (d.getYear() < 1970 || d.getYear() > 9998)) {
            throw DomainException.invalidField(field, "must be from 1970 to 9998");
        }
    }

    static void inRange(String field, java.time.Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
            throw DomainException.invalidField(field, "must be from 1970 to 9999");
        }
    }
}
