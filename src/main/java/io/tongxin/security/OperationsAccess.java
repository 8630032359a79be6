package io.tongxin.security;

import io.tongxin.shared.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * Closes {@code /q/metrics}, {@code /q/openapi} and {@code /q/swagger-ui} to everyone but admins unless
 * {@code tongxin.ops.public} is on: these are not REST resources, so {@link BearerTokenFilter} never
 * sees them; this route runs before them on the HTTP router. {@code /q/health} stays public.
 */
@ApplicationScoped
public class OperationsAccess {

    private static final Pattern CLOSED = Pattern.compile("^/q/(metrics|openapi(\\.json|\\.ya?ml)?|swagger-ui)(/.*)?$");

    @Inject
    OpsConfig ops;

    @Inject
    SecurityConfig security;

    @Inject
    TokenService tokens;

    @Inject
    AuthFailures failures;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (ops.open() || !CLOSED.matcher(ctx.normalizedPath()).matches()) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            deny(ctx, 401, "Unauthorized", "an admin bearer token is required (Authorization: Bearer <token>)");
            return;
        }
        String token = header.substring(7).strip();
        String admin = security.adminToken().orElse("");
        String address = AuthFailures.addressOf(ctx.request());
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            var identity = tokens.authenticate(token, admin);
                            return identity != null
                                    ? new Checked(identity, null)
                                    : new Checked(null, failures.failed(address));
                        },
                        false)
                .onComplete(result -> {
                    if (result.succeeded()
                            && result.result().verdict() != null
                            && result.result().verdict().limited()) {
                        var v = result.result().verdict();
                        ctx.response()
                                .setStatusCode(429)
                                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .putHeader("Retry-After", String.valueOf(v.retryAfterSeconds()))
                                .end("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"too many failed"
                                        + " authentications from this address\"}");
                    } else if (result.failed() || result.result().identity() == null) {
                        deny(ctx, 401, "Unauthorized", "the bearer token is not valid");
                    } else if (result.result().identity().role() != Role.ADMIN) {
                        deny(ctx, 403, "Forbidden", "only an admin may read the operations endpoints");
                    } else {
                        ctx.next();
                    }
                });
    }

    /** A token check's result: who, or the failure's verdict. */
    private record Checked(TokenService.Identity identity, AuthFailures.Verdict verdict) {}

    private static void deny(RoutingContext ctx, int status, String title, String detail) {
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"tongxin\"");
        }
        response.end("{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
