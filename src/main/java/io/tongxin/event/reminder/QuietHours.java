package io.tongxin.event.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Quiet hours ({@code tongxin.quiet-hours}, e.g. {@code 22:00-07:00}, {@code none}) in the deployment's
 * zone, and the rule for a reminder that would go out inside them: it moves to the end of the quiet
 * period unless that is after the session starts; then it goes at once if the session is more than
 * {@code minLead} away, else it is skipped with the reason. Pure: the planner and the dispatcher both
 * ask {@link #decide}.
 */
public final class QuietHours {

    /** What to do with a reminder that would go out at some instant. */
    public sealed interface Decision {
        /** Send at this instant (the instant asked about, or the end of the quiet period). */
        record SendAt(Instant at) implements Decision {}

        /** Do not send; why. */
        record Skip(String reason) implements Decision {}
    }

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;
    private final Duration minLead;

    private QuietHours(LocalTime start, LocalTime end, ZoneId zone, Duration minLead) {
        this.start = start;
        this.end = end;
        this.zone = zone;
        this.minLead = minLead;
    }

    /**
     * Parses {@code HH:mm-HH:mm} (a window may wrap midnight) or {@code none}.
     *
     * @throws IllegalArgumentException for anything else, naming the setting
     */
    public static QuietHours parse(String spec, ZoneId zone, Duration minLead) {
        String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("none") || s.equals("off")) {
            return new QuietHours(null, null, zone, minLead);
        }
        String[] parts = s.split("-");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException(spec);
            }
            LocalTime from = LocalTime.parse(parts[0].strip());
            LocalTime to = LocalTime.parse(parts[1].strip());
            if (from.equals(to)) {
                throw new IllegalArgumentException(spec);
            }
            return new QuietHours(from, to, zone, minLead);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "tongxin.quiet-hours must be HH:mm-HH:mm (e.g. 22:00-07:00) or none, not '" + spec + "'");
        }
    }

    public boolean enabled() {
        return start != null;
    }

    /** The end of the quiet period containing {@code at}, empty when {@code at} is not in quiet hours. */
    public Optional<Instant> quietUntil(Instant at) {
        if (!enabled()) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate d = local.toLocalDate();
        boolean wraps = start.isAfter(end);
        if (!wraps) {
            return !t.isBefore(start) && t.isBefore(end) ? Optional.of(at(d, end)) : Optional.empty();
        }
        if (!t.isBefore(start)) {
            return Optional.of(at(d.plusDays(1), end));
        }
        return t.isBefore(end) ? Optional.of(at(d, end)) : Optional.empty();
    }

    /** When a reminder that would go out at {@code at} for a session starting at {@code sessionStart} goes. */
    public Decision decide(Instant at, Instant sessionStart) {
        Optional<Instant> until = quietUntil(at);
        if (until.isEmpty()) {
            return new Decision.SendAt(at);
        }
        if (until.get().isBefore(sessionStart)) {
            return new Decision.SendAt(until.get());
        }
        if (Duration.between(at, sessionStart).compareTo(minLead) > 0) {
            return new Decision.SendAt(at);
        }
        return new Decision.Skip("quiet hours: due inside quiet hours, the session starts before they end and within "
                + minLead.toMinutes() + " minutes");
    }

    private Instant at(LocalDate d, LocalTime t) {
        return d.atTime(t).atZone(zone).toInstant();
    }

    @Override
    public String toString() {
        return enabled() ? start + "-" + end : "none";
    }
}
