package io.tongxin.dashboard;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it,
 * which is also what keeps the two forms, login and logout, safe from cross-site requests), Path
 * {@code /dashboard}, and Secure when the request came over https (behind a TLS-terminating proxy,
 * set {@code quarkus.http.proxy.proxy-address-forwarding=true} so the scheme is seen).
 */
final class DashboardCookies {

    private DashboardCookies() {}

    static NewCookie session(UriInfo uri, String id, Duration lifetime) {
        return base(uri, id)
                .maxAge((int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()))
                .build();
    }

    static NewCookie cleared(UriInfo uri) {
        return base(uri, "").maxAge(0).build();
    }

    static NewCookie cleared(ContainerRequestContext ctx) {
        return cleared(ctx.getUriInfo());
    }

    private static NewCookie.Builder base(UriInfo uri, String value) {
        return new NewCookie.Builder(DashboardAccess.COOKIE)
                .value(value)
                .path("/dashboard")
                .httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getRequestUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT);
    }
}
