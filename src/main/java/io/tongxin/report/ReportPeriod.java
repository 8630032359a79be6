package io.tongxin.report;

import io.tongxin.shared.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a report covers, both inclusive, in the deployment's zone ({@code tongxin.zone}): from
 * {@code from} 00:00 up to, not including, the day after {@code to} 00:00. At most {@link #MAX_DAYS}.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    /** The longest period a report answers (a year and a month or so). */
    public static final int MAX_DAYS = 400;

    public ReportPeriod {
        if (from == null) {
            throw DomainException.invalidField("from", "is required");
        }
        if (to == null) {
            throw DomainException.invalidField("to", "is required");
        }
        if (from.isAfter(to)) {
            throw DomainException.invalidField("to", "must not be before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw DomainException.invalidField("to", "a report covers at most " + MAX_DAYS + " days");
        }
    }

    /** The calendar month {@code today} is in. */
    public static ReportPeriod monthOf(LocalDate today) {
        LocalDate first = today.withDayOfMonth(1);
        return new ReportPeriod(first, first.plusMonths(1).minusDays(1));
    }

    /**
     * From query parameters ({@code yyyy-MM-dd}); both missing means the month of {@code today}, one
     * missing means the first (or last) day of the other's month.
     */
    public static ReportPeriod parse(String from, String to, LocalDate today) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f == null && t == null) {
            return monthOf(today);
        }
        if (f == null) {
            f = t.withDayOfMonth(1);
        }
        if (t == null) {
            t = f.withDayOfMonth(f.lengthOfMonth());
        }
        return new ReportPeriod(f, t);
    }

    /** The first instant of the period in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period in {@code zone} (exclusive end). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField(field, "must be a date yyyy-MM-dd, not '" + value + "'");
        }
    }
}
