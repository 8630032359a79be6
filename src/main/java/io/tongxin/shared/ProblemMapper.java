package io.tongxin.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error leaves as
 * {@code application/problem+json} with status, title and detail (and per-field violations for
 * validation). Stack traces and exception class names never reach the caller; unexpected errors
 * are logged with a reference that the answer quotes.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private static final java.util.concurrent.atomic.AtomicLong lastUnavailableLog =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 20_000_000_000L);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(null, e.title(), e.status(), e.getMessage(), path(uri), e.violations()));
    }

    /** A domain refusal: the same status, title and detail as the {@link ProblemException} factories. */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        String path = path(uri);
        return switch (e.kind()) {
            case NOT_FOUND -> respond(new Problem(null, "Not Found", 404, e.getMessage(), path, List.of()));
            case NOT_ALLOWED -> respond(new Problem(null, "Forbidden", 403, e.getMessage(), path, List.of()));
            case ILLEGAL_TRANSITION, CONFLICT ->
                respond(new Problem(null, "Conflict", 409, e.getMessage(), path, List.of()));
            case INVALID_FIELD ->
                respond(new Problem(
                        null,
                        "Constraint Violation",
                        400,
                        e.getMessage(),
                        path,
                        List.of(new Problem.Violation(e.field(), e.fieldMessage()))));
        };
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        String detail = violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return respond(new Problem(null, "Constraint Violation", 400, detail, path(uri), violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String detail;
        if (e instanceof InvalidFormatException f && !f.getPath().isEmpty()) {
            detail = "field '" + jsonPath(f) + "' has an invalid value";
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "field '" + jsonPath(m) + "' has the wrong type";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            detail = "field '" + jsonPath(m) + "' has an invalid value";
        } else {
            detail = e instanceof MismatchedInputException
                    ? "the request body has the wrong shape (expected a JSON object)"
                    : "the request body is not valid JSON";
        }
        return respond(new Problem(null, "Bad Request", 400, detail, path(uri), List.of()));
    }

    // Quarkus ships mappers for these subtypes; naming them here keeps every JSON error in problem+json.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "method not allowed on " + path(uri);
            case 406 -> "the requested media type is not available";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported media type";
            default -> title;
        };
        return respond(new Problem(null, title, status, detail, path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof ProblemException p) {
            return problem(p, uri);
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                // A uniqueness race lost to another request or instance: the database constraint decided.
                return respond(new Problem(
                        null,
                        "Conflict",
                        409,
                        "the change conflicts with existing data (it may have been made concurrently)",
                        path(uri),
                        List.of()));
            }
            cause = cause.getCause();
        }
        if (DatabaseUnavailable.is(e)) {
            // PostgreSQL away (restarting, down) or no pooled connection in time: retry later (issue 17)
            long now = System.nanoTime();
            long last = lastUnavailableLog.get();
            if (now - last > 10_000_000_000L && lastUnavailableLog.compareAndSet(last, now)) {
                // at most one line per 10 s: an outage under load answers hundreds of requests a second
                LOG.warnf(
                        "database unavailable, answering 503 (first: %s): %s",
                        LogText.escape(path(uri)), LogText.escape(String.valueOf(e)));
            }
            return Response.fromResponse(respond(new Problem(
                            null,
                            "Service Unavailable",
                            503,
                            "the database is unavailable; retry later",
                            path(uri),
                            List.of())))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error on %s (reference %s)", LogText.escape(path(uri)), reference);
        return respond(new Problem(
                null,
                "Internal Server Error",
                500,
                "an unexpected error occurred; reference " + reference,
                path(uri),
                List.of()));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The input-facing name of a violated property: method and parameter nodes are dropped for body fields. */
    static String fieldOf(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        boolean hasProperty = nodes.stream().anyMatch(n -> n.getKind() == ElementKind.PROPERTY);
        StringBuilder sb = new StringBuilder();
        for (Path.Node n : nodes) {
            ElementKind kind = n.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                if (!hasProperty) {
                    sb.append(n.getName());
                }
                continue;
            }
            if (n.getIndex() != null && !sb.isEmpty()) {
                sb.append('[').append(n.getIndex()).append(']');
            } else if (n.getKey() != null && !sb.isEmpty()) {
                sb.append('[').append(n.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && n.getName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(n.getName());
            }
        }
        return sb.isEmpty() ? "request" : sb.toString();
    }
}
