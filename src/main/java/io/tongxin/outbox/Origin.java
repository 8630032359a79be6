package io.tongxin.outbox;

import java.util.regex.Pattern;

/**
 * Why a message is sent: the kind of thing that caused it ({@code opinion}, {@code event},
 * {@code reminder}, {@code bot-reply}, {@code invitation}...) and that thing's id or code, so the
 * admin API can list everything one opinion or event has said.
 */
public record Origin(String type, String id) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Origin {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("origin type must be lowercase letters, digits and '-' (at most 32)");
        }
        if (id != null && (id.isBlank() || id.length() > 128)) {
            throw new IllegalArgumentException("origin id must be 1 to 128 characters");
        }
    }

    public static Origin of(String type, String id) {
        return new Origin(type, id);
    }
}
