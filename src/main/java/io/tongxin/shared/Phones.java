package io.tongxin.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masking of residents' phone numbers: every response shows {@code 138****1234}, never the full number. */
public final class Phones {

    /** An ASCII or full-width digit. */
    private static final String D = "[0-9\\uFF10-\\uFF19]";

    /** At most one separator between two digits: space, dot, dash (ASCII, full-width, typographic). */
    private static final String SEP = "[ .\\-\\u00A0\\u2010-\\u2015\\u3000\\uFF0D\\uFF0E]?";

    /**
     * A mainland mobile number (1[3-9] and nine more digits) with an optional country prefix
     * ({@code +86}, {@code 86}, {@code 0086}, {@code (+86)}), or a landline whose area code the writer
     * set apart ({@code 0931-1234567}, {@code (0931)1234567}, {@code 010 12345678}). A landline without
     * a separator is indistinguishable from other numbers and is left as written. Digits right before
     * or after mean a longer number (ids, bank cards); an extension after a dash ({@code -8001}) or a
     * second number ({@code 13912345678-13812345678}) does not hide the number before it.
     */
    private static final Pattern PHONE = Pattern.compile("(?<![0-9\\uFF10-\\uFF19])"
            + "(?:"
            + "(?:(?:[+\\uFF0B]|00)?[8\\uFF18][6\\uFF16][ \\-]?|[(\\uFF08][+\\uFF0B]?[8\\uFF18][6\\uFF16][)\\uFF09] ?)?"
            + "(?<mobile>[1\\uFF11][3-9\\uFF13-\\uFF19](?:" + SEP + D + "){9})"
            + "|(?<landline>(?:[(\\uFF08][0\\uFF10]" + D + "{2,3}[)\\uFF09] ?|[0\\uFF10]" + D
            + "{2,3}[ \\-\\u3000\\uFF0D])"
            + D + "{7,8})"
            + ")"
            + "(?![0-9\\uFF10-\\uFF19])");

    private Phones() {}

    /**
     * Keeps the first three and last four digits of a number and replaces the middle with
     * asterisks; a number too short to keep both is masked entirely except its last two digits.
     */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String p = phone.strip();
        if (p.length() >= 8) {
            return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
        }
        return "*".repeat(Math.max(0, p.length() - 2)) + p.substring(Math.max(0, p.length() - 2));
    }

    /**
     * Masks every phone number in free text (a resident's message) as {@link #mask} does, whatever its
     * spelling: {@code 139 1234 5678}, {@code +86-139-1234-5678}, full-width digits, {@code (0931)1234567}
     * all become {@code 139****5678} / {@code 093****4567}; the country prefix is dropped.
     */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = PHONE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String number = m.group("mobile") != null ? m.group("mobile") : m.group("landline");
            m.appendReplacement(sb, Matcher.quoteReplacement(mask(digits(number))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The ASCII digits of a number as written (full-width digits folded). */
    private static String digits(String written) {
        StringBuilder sb = new StringBuilder(written.length());
        written.codePoints().forEach(c -> {
            if (c >= '0' && c <= '9') {
                sb.append((char) c);
            } else if (c >= '\uFF10' && c <= '\uFF19') {
                sb.append((char) ('0' + (c - '\uFF10')));
            }
        });
        return sb.toString();
    }
}
