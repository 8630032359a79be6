package io.tongxin.shared;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps raw paths out of the {@code uri} label of {@code http_server_requests}. A request the REST
 * layer matched carries its route template ({@code /api/opinions/{number}}); one it did not match but
 * answered anyway (405 for a wrong method, a 400 for a control character or a bad escape, 413, 414,
 * 431) would be labelled with its raw path, so every probe made a new label until the tag limit
 * dropped real endpoints, and opinion numbers showed up in public metrics. Those are all labelled
 * {@value #UNMATCHED}; 404 and redirects keep Micrometer's own {@code NOT_FOUND} and
 * {@code REDIRECTION}.
 */
@ApplicationScoped
public class UnmatchedRouteLabel {

    /** The label of every answered request that matched no route. */
    public static final String UNMATCHED = "UNMATCHED";

    /** Where the REST layer leaves the matched template for the metrics binder. */
    private static final String TEMPLATE_KEY = "UrlPathTemplate";

    void install(@Observes Router router) {
        // first of all routes, so the answers HttpErrorProblems gives before routing are labelled too
        router.route().order(Integer.MIN_VALUE).handler(this::labelIfUnmatched);
    }

    private void labelIfUnmatched(RoutingContext ctx) {
        if (ctx.request() instanceof HttpServerRequestInternal request) {
            ctx.addHeadersEndHandler(v -> {
                int status = ctx.response().getStatusCode();
                var context = request.context();
                if (status != 404 && (status < 300 || status >= 400) && context.getLocal(TEMPLATE_KEY) == null) {
                    context.putLocal(TEMPLATE_KEY, UNMATCHED);
                }
            });
        }
        ctx.next();
    }
}
