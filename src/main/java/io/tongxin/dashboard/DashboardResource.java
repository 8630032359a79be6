package io.tongxin.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tongxin.report.Grouping;
import io.tongxin.security.AuthFailures;
import io.tongxin.security.Role;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The organizer dashboard: read-only HTML pages (Qute, zh-CN) over the same services the API uses.
 * {@link DashboardAccess} guards every page but the login form.
 */
@Path("/dashboard")
@Produces(DashboardResource.HTML)
public class DashboardResource {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @Inject
    AuthFailures failures;

    @Inject
    DashboardSessions sessions;

    @Inject
    DashboardViewer viewer;

    @Inject
    DeniedPage denied;

    @Inject
    OpinionBoard opinions;

    @Inject
    DashboardMessages msg;

    @Inject
    ReportBoard reports;

    @Inject
    @Location("dashboard/login.html")
    Template login;

    @Inject
    @Location("dashboard/overview.html")
    Template overview;

    @Inject
    @Location("dashboard/table.html")
    Template table;

    @Inject
    @Location("dashboard/events.html")
    Template events;

    @Inject
    @Location("dashboard/delivery.html")
    Template delivery;

    @Inject
    @Location("dashboard/bulletin.html")
    Template bulletin;

    @Inject
    @Location("dashboard/opinions.html")
    Template opinionList;

    @Inject
    @Location("dashboard/opinion.html")
    Template opinionDetail;

    @GET
    @Path("login")
    public String loginForm() {
        return login.data("error", null).render();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logIn(@FormParam("token") String token, @Context UriInfo uri, HttpServerRequest request) {
        var who = sessions.authenticateToken(token);
        if (who.isEmpty()) {
            var verdict = failures.failed(AuthFailures.addressOf(request));
            if (verdict.limited()) {
                return AuthFailures.tooMany(verdict, "/dashboard/login");
            }
            return Response.status(401)
                    .type(HTML)
                    .entity(login.data("error", msg.loginInvalid()).render())
                    .build();
        }
        if (who.get().role() != Role.ADMIN && who.get().role() != Role.ORGANIZER) {
            return denied.forbidden().build();
        }
        var opened = sessions.open(token, who.get());
        return Response.seeOther(URI.create("/dashboard"))
                .cookie(DashboardCookies.session(uri, opened.id(), sessions.lifetime()))
                .build();
    }

    @POST
    @Path("logout")
    public Response logOut(@Context UriInfo uri) {
        sessions.end(viewer.sessionId());
        return Response.seeOther(URI.create("/dashboard/login"))
                .cookie(DashboardCookies.cleared(uri))
                .build();
    }

    @GET
    public String overview(@QueryParam("from") String from, @QueryParam("to") String to) {
        return render(overview, "overview", reports.overview(reports.period(from, to)));
    }

    @GET
    @Path("workstations")
    public String workstations(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("sort") String sort,
            @QueryParam("dir") String dir) {
        return render(table, "workstations", reports.table(reports.period(from, to), Grouping.WORKSTATION, sort, dir));
    }

    @GET
    @Path("members")
    public String members(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("sort") String sort,
            @QueryParam("dir") String dir) {
        return render(table, "members", reports.table(reports.period(from, to), Grouping.MEMBER, sort, dir));
    }

    @GET
    @Path("events")
    public String events(@QueryParam("from") String from, @QueryParam("to") String to) {
        return render(events, "events", reports.events(reports.period(from, to)));
    }

    @GET
    @Path("delivery")
    public String delivery(@QueryParam("from") String from, @QueryParam("to") String to) {
        return render(delivery, "delivery", reports.delivery(reports.period(from, to)));
    }

    /** The printable monthly bulletin ({@code month=2026-11}; default this month). */
    @GET
    @Path("bulletin")
    public String bulletin(@QueryParam("month") String month) {
        return render(bulletin, "bulletin", reports.bulletin(reports.month(month)));
    }

    @GET
    @Path("opinions")
    public String opinionList(
            @QueryParam("status") String status,
            @QueryParam("workstationCode") String workstationCode,
            @QueryParam("communityCode") String communityCode,
            @QueryParam("category") String category,
            @QueryParam("overdue") String overdue,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") String page) {
        var criteria =
                new OpinionBoard.Criteria(status, workstationCode, communityCode, category, overdue, from, to, page);
        return render(opinionList, "opinions", opinions.list(criteria, viewer.name()));
    }

    @GET
    @Path("opinions/{number}")
    public String opinion(@PathParam("number") String number) {
        return render(opinionDetail, "opinions", opinions.detail(number, viewer.name()));
    }

    /**
     * A refused page request (a bad filter value, an unknown opinion) answers an HTML page for the
     * browser, zh-CN, with the status and the field; {@code /api} keeps problem+json. These mappers
     * apply to this resource's methods only.
     */
    @ServerExceptionMapper
    public Response refused(DomainException e, UriInfo uri) {
        return denied.refused(e, "/" + uri.getPath().replaceFirst("^/", ""));
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return denied.refused(e, "/" + uri.getPath().replaceFirst("^/", ""));
    }

    private String render(Template t, String active, Object page) {
        return t.data("page", page)
                .data("active", active)
                .data("viewer", viewer.name())
                .render();
    }
}
