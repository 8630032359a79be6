package io.tongxin.audit;

import io.tongxin.security.Allowed;
import io.tongxin.security.Role;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.PageRequest;
import io.tongxin.shared.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Admin-only: the audit trail, newest first. Organizers may not read it: it records what organizers
 * did, and it is the admins' check on them.
 */
@Path("/api/audit")
@Allowed(Role.ADMIN)
public class AuditResource {

    @Inject
    AuditQueries queries;

    @Inject
    ZoneId zone;

    /**
     * {@code from}/{@code to}: an ISO instant ({@code 2026-05-01T00:00:00Z}) or a date (in
     * {@code tongxin.zone}; {@code to} includes that whole day); {@code actor}: an actor id
     * ({@code token:12}, a member code) or name; {@code subject}: a subject code (a member code, an
     * opinion number, a token id); {@code subjectType}, {@code action}: exact.
     */
    @GET
    public ListResult<AuditView> list(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("actor") String actor,
            @QueryParam("subjectType") String subjectType,
            @QueryParam("subject") String subject,
            @QueryParam("action") String action,
            @Valid @BeanParam PageRequest page) {
        return queries.list(
                new AuditQueries.Filter(
                        instant(from, "from", false),
                        instant(to, "to", true),
                        blankToNull(actor),
                        blankToNull(subjectType),
                        blankToNull(subject),
                        blankToNull(action)),
                page.paging());
    }

    private Instant instant(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "must be an ISO instant (2026-05-01T00:00:00Z) or a date");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
