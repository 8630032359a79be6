package io.tongxin.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of an {@code application/problem+json} response (RFC 9457). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: {@code field} is the JSON path of the input (e.g. {@code identities[0].userId}). */
    public record Violation(String field, String message) {}
}
