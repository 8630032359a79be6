package io.tongxin.security;

import io.tongxin.shared.ProblemException;
import io.tongxin.shared.ProblemMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api} request by its {@code Authorization: Bearer} token and checks
 * the endpoint's {@link Allowed} roles: 401 without a valid token, 403 for a role that may not call
 * it. Webhooks and {@code /q/*} are not under {@code /api} and are not affected.
 */
public class BearerTokenFilter {

    @Inject
    Caller caller;

    // Resolved per request: the filter is built during deployment, before runtime config mappings exist.
    @Inject
    jakarta.enterprise.inject.Instance<SecurityConfig> config;

    @Inject
    TokenService tokens;

    @Inject
    AuthFailures failures;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
        String path = ctx.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return null;
        }
        String address = AuthFailures.addressOf(request);
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            return deny(
                    ProblemException.unauthorized("a bearer token is required (Authorization: Bearer <token>)"), ctx);
        }
        String token = header.substring(7).strip();
        var identity = tokens.authenticate(token, config.get().adminToken().orElse(""));
        if (identity == null) {
            // only a presented token that fails counts: a request without one is not a guess
            var verdict = failures.failed(address);
            if (verdict.limited()) {
                return AuthFailures.tooMany(
                        verdict, ctx.getUriInfo().getRequestUri().getPath());
            }
            return deny(ProblemException.unauthorized("the bearer token is not valid"), ctx);
        }
        caller.set(identity.role(), identity.memberCode(), identity.label(), identity.tokenId(), address);
        Role[] allowed = allowedRoles(resource);
        if (identity.role() != Role.ADMIN && Arrays.stream(allowed).noneMatch(r -> r == identity.role())) {
            return deny(ProblemException.forbidden("the " + identity.role().wire() + " role may not do this"), ctx);
        }
        return null;
    }

    private static Role[] allowedRoles(ResourceInfo resource) {
        Method m = resource.getResourceMethod();
        if (m != null && m.isAnnotationPresent(Allowed.class)) {
            return m.getAnnotation(Allowed.class).value();
        }
        Class<?> c = resource.getResourceClass();
        if (c != null && c.isAnnotationPresent(Allowed.class)) {
            return c.getAnnotation(Allowed.class).value();
        }
        return new Role[] {Role.ADMIN};
    }

    private static Response deny(ProblemException e, ContainerRequestContext ctx) {
        Response r = ProblemMapper.respond(new io.tongxin.shared.Problem(
                null,
                e.title(),
                e.status(),
                e.getMessage(),
                ctx.getUriInfo().getRequestUri().getPath(),
                java.util.List.of()));
        if (e.status() == 401) {
            return Response.fromResponse(r)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tongxin\"")
                    .build();
        }
        return r;
    }
}
