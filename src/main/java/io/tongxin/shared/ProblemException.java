package io.tongxin.shared;

import java.util.List;

/**
 * A failure that maps to an RFC 9457 problem response. Thrown by services when a request is
 * refused for a reason the caller can fix; the message is the problem's {@code detail} and is
 * shown to the caller, so it must never contain secrets or internal class names.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    /** A 400 for one invalid field, reported like a bean-validation violation. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400, "Constraint Violation", field + ": " + message, List.of(new Problem.Violation(field, message)));
    }

    public static ProblemException notFound(String what, String key) {
        return new ProblemException(404, "Not Found", what + " '" + key + "' does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
