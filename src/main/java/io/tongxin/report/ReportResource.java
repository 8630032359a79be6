package io.tongxin.report;

import io.tongxin.security.Allowed;
import io.tongxin.security.Caller;
import io.tongxin.security.Role;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * Reports over a period ({@code from}, {@code to}: dates, inclusive, in {@code tongxin.zone}; default
 * the current month), as JSON or, with {@code Accept: text/csv}, a spreadsheet (docs/reports.md).
 */
@Path("/api/reports")
public class ReportResource {

    static final String CSV = "text/csv";

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    /** Opinion figures per group ({@code by}); a member sees only their own. */
    @GET
    @Path("opinions")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Allowed({Role.ORGANIZER, Role.MEMBER})
    public Response opinions(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @Context HttpHeaders headers) {
        Grouping grouping = Grouping.parse(by);
        OpinionReport r = reports.opinions(period(from, to), grouping, caller);
        return answer(headers, r, ReportCsv::opinions, "opinions-" + grouping.wire(), r.from() + "-" + r.to());
    }

    /** Filed and resolved per week (the dashboard's trend); a member sees only their own. */
    @GET
    @Path("weekly")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Allowed({Role.ORGANIZER, Role.MEMBER})
    public Response weekly(@QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        ReportPeriod p = period(from, to);
        var points = reports.weekly(p, caller);
        return answer(
                headers, new WeeklyReport(p.from(), p.to(), points), w -> ReportCsv.weekly(w.items()), "weekly", p);
    }

    /** Per event: invitations, confirmations, registrations against quotas, attendance, certificates. */
    @GET
    @Path("events")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Allowed(Role.ORGANIZER)
    public Response events(@QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        EventReport r = reports.events(period(from, to), caller);
        return answer(headers, r, ReportCsv::events, "events", r.from() + "-" + r.to());
    }

    /** Per channel: sent, dead, retried, delivery delay. */
    @GET
    @Path("delivery")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Allowed(Role.ORGANIZER)
    public Response delivery(
            @QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        DeliveryReport r = reports.delivery(period(from, to), caller);
        return answer(headers, r, ReportCsv::delivery, "delivery", r.from() + "-" + r.to());
    }

    /** The weekly trend as the API answers it. */
    public record WeeklyReport(java.time.LocalDate from, java.time.LocalDate to, java.util.List<WeekPoint> items) {}

    private ReportPeriod period(String from, String to) {
        return ReportPeriod.parse(from, to, reports.today());
    }

    private static <T> Response answer(
            HttpHeaders headers, T report, Function<T, byte[]> csv, String name, Object period) {
        if (wantsCsv(headers)) {
            String file = name + "-" + (period instanceof ReportPeriod p ? p.from() + "-" + p.to() : period) + ".csv";
            return Response.ok(csv.apply(report), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    /** CSV when it is the first type the caller names outright; a wildcard means JSON. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isWildcardType() || t.isWildcardSubtype()) {
                return false;
            }
            if (t.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
