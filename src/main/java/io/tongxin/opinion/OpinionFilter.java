package io.tongxin.opinion;

import io.tongxin.shared.DomainException;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * List filters for {@code GET /api/opinions}; all optional. {@code from}/{@code to} bound the creation
 * time. A web type: the resource turns it into an {@link OpinionQueries.Filter} ({@link #toFilter}).
 */
public class OpinionFilter {
    @QueryParam("status")
    @Schema(
            enumeration = {
                "received",
                "assigned",
                "acknowledged",
                "in_progress",
                "resolved",
                "closed",
                "rejected",
                "merged"
            })
    public String status;

    /** The assignee. */
    @QueryParam("memberCode")
    public String memberCode;

    @QueryParam("communityCode")
    public String communityCode;

    @QueryParam("workstationCode")
    public String workstationCode;
    /** The assignee's sector. */
    @QueryParam("sectorCode")
    public String sectorCode;
    /** Category code or name. */
    @QueryParam("category")
    public String category;

    @QueryParam("overdue")
    public Boolean overdue;
    /** ISO instant (2026-05-01T00:00:00Z) or date (2026-05-01, in the deployment's zone {@code tongxin.zone}). */
    @QueryParam("from")
    public String from;

    /** ISO instant, or a date (that whole day is included). */
    @QueryParam("to")
    public String to;

    /** The filter as queries take it; blank values are left out; a bad status or date is a 400 naming the field. */
    OpinionQueries.Filter toFilter(ZoneId zone) {
        OpinionStatus s = null;
        if (!blank(status)) {
            try {
                s = OpinionStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalidField("status", "unknown status '" + status + "'");
            }
        }
        return new OpinionQueries.Filter(
                blank(memberCode) ? null : memberCode.strip(),
                s,
                blank(communityCode) ? null : communityCode,
                blank(workstationCode) ? null : workstationCode,
                blank(sectorCode) ? null : sectorCode.strip(),
                blank(category) ? null : category,
                overdue,
                blank(from) ? null : instant(from, "from", false, zone),
                blank(to) ? null : instant(to, "to", true, zone));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The range a filter may name: years 1 to 9999 (the database holds more, the API need not). */
    static final Instant EARLIEST =
            LocalDate.of(1, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    static final Instant LATEST =
            LocalDate.of(10000, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    private static Instant instant(String value, String field, boolean endOfDay, ZoneId zone) {
        Instant t;
        try {
            t = Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(value);
                t = (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw DomainException.invalidField(field, "must be an ISO instant or date");
            } catch (java.time.DateTimeException | ArithmeticException e2) {
                throw outOfRange(field);
            }
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw outOfRange(field);
        }
        return t;
    }

    private static DomainException outOfRange(String field) {
        return DomainException.invalidField(field, "must be from 0001-01-01 to 9999-12-31");
    }
}
