package io.tongxin.shared;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Request problems kept apart from {@link ProblemMapper}. JAX-RS reports a request parameter it could not convert as a 404 (query, path) or 400 (header)
 * wrapping the converter's failure. A failure of ours ({@link QueryParameterConverters}) keeps its
 * own problem; any other conversion failure is a 400, never a 404 that suggests a missing resource.
 * A plain 404 (no such resource) is answered as {@link ProblemMapper} answers it.
 */
public class RequestProblems {

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (e.getCause() == null) {
            String path = path(uri);
            return ProblemMapper.respond(
                    new Problem(null, "Not Found", 404, "no resource at " + path, path, List.of()));
        }
        return unconvertible(e, uri);
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e, UriInfo uri) {
        return unconvertible(e, uri);
    }

    /** A JSON string with a control character ({@link StrictJsonStrings}): 400 naming the field. */
    @ServerExceptionMapper
    public Response controlCharacterInJson(StrictJsonStrings.ControlCharacterInJson e, UriInfo uri) {
        String field = e.field();
        return ProblemMapper.respond(new Problem(
                null,
                "Bad Request",
                400,
                "field '" + field + "' contains a control character (such as \\u0000)",
                path(uri),
                List.of(new Problem.Violation(field, "contains a control character"))));
    }

    private static Response unconvertible(RuntimeException e, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ProblemException p) {
                return ProblemMapper.respond(
                        new Problem(null, p.title(), p.status(), p.getMessage(), path(uri), p.violations()));
            }
        }
        return ProblemMapper.respond(new Problem(
                null,
                "Bad Request",
                400,
                "a path, query or header parameter has an invalid value",
                path(uri),
                List.of()));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
