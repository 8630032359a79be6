package io.tongxin.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.Problem;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The pages a browser gets instead of a dashboard page: an invalid token (401), a member's (403), and
 * a refused request of a signed-in organizer (a bad filter value: 400 naming the field; an unknown
 * opinion: 404), where {@code /api} answers problem+json.
 */
@ApplicationScoped
class DeniedPage {

    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    @Location("dashboard/denied.html")
    Template denied;

    @Inject
    @Location("dashboard/refused.html")
    Template refused;

    @Inject
    DashboardMessages msg;

    @Inject
    DashboardViewer viewer;

    Response.ResponseBuilder respond(int status, String title, String detail) {
        return Response.status(status)
                .type(HTML)
                .entity(denied.data("title", title).data("detail", detail).render());
    }

    Response.ResponseBuilder forbidden() {
        return respond(403, msg.forbidden(), msg.membersOnly());
    }

    Response.ResponseBuilder unauthenticated() {
        return respond(401, msg.notLoggedIn(), msg.bearerInvalid());
    }

    /** A domain refusal on page {@code path}, as a page in the dashboard's layout. */
    Response refused(DomainException e, String path) {
        int status = switch (e.kind()) {
            case NOT_FOUND -> 404;
            case NOT_ALLOWED -> 403;
            case ILLEGAL_TRANSITION, CONFLICT -> 409;
            case INVALID_FIELD -> 400;
        };
        return refused(
                status,
                e.field(),
                e.kind() == DomainException.Kind.INVALID_FIELD ? e.fieldMessage() : e.getMessage(),
                path);
    }

    /** A refusal raised as a problem (a query parameter that is not a number, ...). */
    Response refused(ProblemException e, String path) {
        List<Problem.Violation> violations = e.violations() == null ? List.of() : e.violations();
        if (violations.isEmpty()) {
            return refused(e.status(), null, e.getMessage(), path);
        }
        return refused(e.status(), violations.get(0).field(), violations.get(0).message(), path);
    }

    private Response refused(int status, String field, String detail, String path) {
        String summary = field != null ? msg.badField(field, msg.fieldName(field)) : msg.refusedTitle(status);
        String back = path == null || !DashboardAccess.isDashboard(path) ? "/dashboard" : path;
        return Response.status(status)
                .type(HTML)
                .entity(refused.data("title", msg.refusedTitle(status))
                        .data("status", status)
                        .data("field", field)
                        .data("summary", summary)
                        .data("detail", detail)
                        .data("back", back)
                        .data("active", "")
                        .data("viewer", viewer.name())
                        .render())
                .build();
    }
}
