package io.tongxin.opinion;

/** An opinion's title: the first line of its text, at most 30 characters (code points). */
final class OpinionTitle {

    private OpinionTitle() {}

    static String of(String text) {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.codePointCount(0, first.length()) <= 30
                ? first
                : first.substring(0, first.offsetByCodePoints(0, 30)) + "…";
    }
}
