package io.tongxin.dashboard;

import io.tongxin.security.AuthFailures;
import io.tongxin.security.Caller;
import io.tongxin.security.Role;
import io.tongxin.security.TokenService.Identity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Guards every {@code /dashboard} page but the login form: the session cookie
 * ({@value #COOKIE}, from {@code POST /dashboard/login}) or, for scripts, an {@code Authorization:
 * Bearer} header. No session: 303 to the login form; an invalid bearer token: 401; a member: 403 (the
 * dashboard is for organizers and admins). Pages are never cached and carry a Content-Security-Policy
 * that allows only the service's own scripts and styles.
 */
public class DashboardAccess {

    static final String COOKIE = "tongxin_dashboard";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    DashboardSessions sessions;

    @Inject
    DashboardViewer viewer;

    @Inject
    DeniedPage denied;

    @Inject
    AuthFailures failures;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!isDashboard(path) || path.equals("/dashboard/login")) {
            return null;
        }
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            Optional<Identity> who = header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? sessions.authenticateToken(header.substring(7))
                    : Optional.empty();
            String address = AuthFailures.addressOf(request);
            if (who.isEmpty()) {
                // a failed token counts against the address, as on /api (docs/dashboard.md)
                var verdict = failures.failed(address);
                if (verdict.limited()) {
                    return AuthFailures.tooMany(verdict, path);
                }
                return denied.unauthenticated()
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tongxin\"")
                        .build();
            }
            return admit(who.get(), null, address);
        }
        Cookie cookie = ctx.getCookies().get(COOKIE);
        Optional<Identity> who = cookie == null ? Optional.empty() : sessions.identify(cookie.getValue());
        if (who.isEmpty()) {
            var redirect = Response.seeOther(URI.create("/dashboard/login"));
            if (cookie != null) {
                redirect.cookie(DashboardCookies.cleared(ctx));
            }
            return redirect.build();
        }
        return admit(who.get(), cookie.getValue(), AuthFailures.addressOf(request));
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (isDashboard(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle("Content-Security-Policy", CSP);
            response.getHeaders().putSingle("Cache-Control", "no-store");
            response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
            response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        }
    }

    private Response admit(Identity who, String sessionId, String address) {
        if (who.role() != Role.ADMIN && who.role() != Role.ORGANIZER) {
            return denied.forbidden().build();
        }
        viewer.set(who.role(), who.label(), sessionId);
        caller.authenticatedAs(who, address); // the reports decide what a caller sees, as for GET /api/reports
        return null;
    }

    static boolean isDashboard(String path) {
        return path.equals("/dashboard") || path.startsWith("/dashboard/");
    }
}
