package io.tongxin.event;

import io.tongxin.shared.DomainException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly series: on the given days, from {@code startTime} to {@code endTime} local time in the
 * deployment's zone, every week from {@code firstDate} to {@code lastDate} (both included), except
 * the listed dates. Expanded into sessions by {@link #expand(ZoneId)}; local times are resolved in
 * the zone (a gap or overlap of a DST change moves the time as {@link ZonedDateTime#of} does).
 */
public record WeeklyPattern(
        Set<DayOfWeek> daysOfWeek,
        LocalTime startTime,
        LocalTime endTime,
        LocalDate firstDate,
        LocalDate lastDate,
        Set<LocalDate> except) {

    /** At most this many sessions in a series (two years of one day a week, and more). */
    public static final int MAX_SESSIONS = 500;

    /** One expanded occurrence. */
    public record Occurrence(java.time.Instant startsAt, java.time.Instant endsAt) {}

    /** The occurrences in order. */
    public List<Occurrence> expand(ZoneId zone) {
        List<Occurrence> out = new ArrayList<>();
        for (LocalDate d = firstDate; !d.isAfter(lastDate); d = d.plusDays(1)) {
            if (daysOfWeek.contains(d.getDayOfWeek()) && !except.contains(d)) {
                out.add(new Occurrence(
                        ZonedDateTime.of(d, startTime, zone).toInstant(),
                        ZonedDateTime.of(d, endTime, zone).toInstant()));
                if (out.size() > MAX_SESSIONS) {
                    throw DomainException.invalidField("weekly", "more than " + MAX_SESSIONS + " sessions");
                }
            }
        }
        return out;
    }

    /**
     * A day of the week as written in a request: {@code MONDAY}, {@code mon}, {@code 1} (Monday) to
     * {@code 7} (Sunday), or 周一..周日 / 星期一..星期日 (周日 also 周天).
     */
    public static DayOfWeek parseDay(String field, String s) {
        String v = s == null ? "" : s.strip();
        if (v.matches("[1-7]")) {
            return DayOfWeek.of(Integer.parseInt(v));
        }
        String zh = v.replaceFirst("^(周|星期|礼拜)", "");
        int i = "一二三四五六日".indexOf(zh);
        if (zh.length() == 1 && (i >= 0 || zh.equals("天")) && !zh.equals(v)) {
            return DayOfWeek.of(zh.equals("天") ? 7 : i + 1);
        }
        String up = v.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (up.length() >= 3 && d.name().startsWith(up)) {
                return d;
            }
        }
        throw DomainException.invalidField(field, "'" + s + "' is not a day of the week (MONDAY..SUNDAY or 1..7)");
    }

    /** The days as a set in week order. */
    public static Set<DayOfWeek> days(List<DayOfWeek> days) {
        return days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }
}
