package io.tongxin.inbox;

import io.tongxin.channel.CallbackAnswer;
import io.tongxin.security.AuthFailures;
import io.tongxin.shared.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Platform callbacks: {@code GET} for URL verification, {@code POST} for messages. Not under
 * {@code /api}: authenticated by each platform's signature, not by bearer tokens.
 */
@Path("/webhooks/{channelKey}")
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @Inject
    AuthFailures failures;

    @GET
    @Produces(MediaType.WILDCARD)
    public Response verify(
            @PathParam("channelKey") String channelKey,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            @Context HttpServerRequest request) {
        try {
            return answer(webhooks.verify(channelKey, query(uri), headers::getHeaderString));
        } catch (ProblemException e) {
            return limited(e, request, uri);
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response receive(
            @PathParam("channelKey") String channelKey,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            @Context HttpServerRequest request,
            InputStream body) {
        try {
            return answer(webhooks.receive(channelKey, query(uri), headers::getHeaderString, body));
        } catch (ProblemException e) {
            return limited(e, request, uri);
        }
    }

    /**
     * A failed signature (401) counts against the client address ({@link AuthFailures}); over the limit
     * the answer is 429 with {@code Retry-After}. Every other refusal goes out as it is.
     */
    private Response limited(ProblemException e, HttpServerRequest request, UriInfo uri) {
        if (e.status() == 401) {
            var verdict = failures.failed(AuthFailures.addressOf(request));
            if (verdict.limited()) {
                return AuthFailures.tooMany(verdict, uri.getRequestUri().getPath());
            }
        }
        throw e;
    }

    private static Map<String, String> query(UriInfo uri) {
        Map<String, String> q = new HashMap<>();
        uri.getQueryParameters(true).forEach((k, v) -> q.put(k, v.isEmpty() ? "" : v.get(0)));
        return q;
    }

    private static Response answer(CallbackAnswer a) {
        return Response.ok(a.body(), a.mediaType()).build();
    }
}
