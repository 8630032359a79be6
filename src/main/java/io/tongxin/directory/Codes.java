package io.tongxin.directory;

/** The shape of a natural key: safe in a URL path segment without escaping. */
final class Codes {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    static final String MESSAGE = "use letters, digits, '.', '-' and '_' (starting with a letter or digit)";

    private Codes() {}
}
