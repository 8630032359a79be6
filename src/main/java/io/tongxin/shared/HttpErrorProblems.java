package io.tongxin.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem+json for the errors that happen below the REST layer, which the HTTP server would
 * otherwise answer with an empty body: a request target or headers over {@link HttpLimitsConfig}
 * (414, 431), a body over {@code quarkus.http.limits.max-body-size} (413) and a path the router cannot
 * decode (400, e.g. {@code %zz}).
 */
@ApplicationScoped
public class HttpErrorProblems {

    private static final Map<Integer, String> TITLES = Map.of(
            400, "Bad Request",
            413, "Payload Too Large",
            414, "URI Too Long",
            431, "Request Header Fields Too Large");

    @Inject
    HttpLimitsConfig limits;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::checkLimits); // after UnmatchedRouteLabel
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerFailure);
    }

    private void checkLimits(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > limits.maxUriLength()) {
            answer(ctx, 414, "the request target is longer than " + limits.maxUriLength() + " characters");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4L;
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            answer(ctx, 431, "the request headers are larger than " + limits.maxHeaderBytes() + " bytes");
            return;
        }
        String declared = request.getHeader("Content-Length");
        if (declared != null && declaredOver(declared, maxBodySize.asLongValue())) {
            // answered before the server's own check, which would close with an empty 413
            answer(ctx, 413, "the request body is larger than " + maxBodySize.asLongValue() + " bytes");
            return;
        }
        if (!wellFormed(request.uri())) {
            answer(ctx, 400, "the request target is malformed (a bad percent-escape or character)");
            return;
        }
        ctx.next();
    }

    private static boolean declaredOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the server refuses a malformed length itself
        }
    }

    /** RFC 3986 syntax, and every percent-escape of the path and query decodes to UTF-8. */
    static boolean wellFormed(String target) {
        try {
            URI uri = new URI(target);
            decode(uri.getRawPath());
            decode(uri.getRawQuery());
            return true;
        } catch (URISyntaxException | CharacterCodingException e) {
            return false;
        }
    }

    private static void decode(String raw) throws CharacterCodingException {
        if (raw == null || raw.indexOf('%') < 0) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) { // new URI() has checked every escape pair
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()));
    }

    private void answerFailure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (TITLES.containsKey(status) && !ctx.response().headWritten()) {
            answer(
                    ctx,
                    status,
                    switch (status) {
                        case 413 -> "the request body is too large";
                        case 414 -> "the request target is too long";
                        case 431 -> "the request headers are too large";
                        default -> "the request cannot be read (malformed path, query or percent-encoding)";
                    });
            return;
        }
        ctx.next();
    }

    private void answer(RoutingContext ctx, int status, String detail) {
        String body;
        try {
            body = json.writeValueAsString(new Problem(null, TITLES.get(status), status, detail, null, List.of()));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body);
    }
}
