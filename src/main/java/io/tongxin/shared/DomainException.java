package io.tongxin.shared;

import java.util.Objects;

/**
 * A refusal by the domain, typed by what went wrong rather than by an HTTP status: chat code answers
 * each {@link Kind} in words, {@link ProblemMapper} turns it into the problem+json a REST caller gets.
 * The message is shown to the caller (REST {@code detail}), so it never carries secrets or class names.
 */
public final class DomainException extends RuntimeException {

    /** What kind of refusal; {@link ProblemMapper} maps each to one status and title. */
    public enum Kind {
        /** The thing named does not exist (404). */
        NOT_FOUND,
        /** The caller may not do this (403). */
        NOT_ALLOWED,
        /** The thing is not in a state that allows this (409), e.g. resolving an opinion not yet acknowledged. */
        ILLEGAL_TRANSITION,
        /** Another rule or another thing's state refuses it (409), e.g. a member at capacity. */
        CONFLICT,
        /** One input field is invalid (400, reported like a bean-validation violation). */
        INVALID_FIELD
    }

    private final Kind kind;
    private final String field;
    private final String fieldMessage;

    private DomainException(Kind kind, String detail, String field, String fieldMessage) {
        super(detail, null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.field = field;
        this.fieldMessage = fieldMessage;
    }

    /** {@code what 'key' does not exist}. */
    public static DomainException notFound(String what, String key) {
        return new DomainException(Kind.NOT_FOUND, what + " '" + key + "' does not exist", null, null);
    }

    public static DomainException notAllowed(String detail) {
        return new DomainException(Kind.NOT_ALLOWED, detail, null, null);
    }

    public static DomainException illegalTransition(String detail) {
        return new DomainException(Kind.ILLEGAL_TRANSITION, detail, null, null);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(Kind.CONFLICT, detail, null, null);
    }

    /** {@code field: message}, with the field named for the caller. */
    public static DomainException invalidField(String field, String message) {
        return new DomainException(Kind.INVALID_FIELD, field + ": " + message, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The invalid field ({@link Kind#INVALID_FIELD} only, else null). */
    public String field() {
        return field;
    }

    /** What is wrong with {@link #field()} ({@link Kind#INVALID_FIELD} only, else null). */
    public String fieldMessage() {
        return fieldMessage;
    }
}
