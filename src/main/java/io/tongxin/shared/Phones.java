package io.tongxin.shared;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masking of residents' phone numbers ({@code 138****1234}, never the full number). Who wrote a
 * text decides how it is masked: a text a resident wrote has every number in it masked
 * ({@link #maskText}); a text committee members or organizers write for the resident (a resolution
 * summary, a note) keeps the numbers they chose to give (a service line, a repair hotline), and only
 * residents' own numbers in it are masked ({@link #maskOnly} with {@link #numbersIn}).
 */
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
        if (text == null || !mayHoldNumber(text)) {
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

    /**
     * The phone numbers in texts, as their digits without a country prefix ({@code 13912345678}): the
     * numbers a resident wrote (their concern) or gave (their phone on record), for {@link #maskOnly}.
     * A number on record that the pattern does not recognise (a landline written without a
     * separator) is taken as its digits.
     */
    public static Set<String> numbersIn(Collection<String> texts) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || !mayHoldNumber(text)) {
                continue;
            }
            Matcher m = PHONE.matcher(text);
            boolean found = false;
            while (m.find()) {
                numbers.add(digits(m.group("mobile") != null ? m.group("mobile") : m.group("landline")));
                found = true;
            }
            String all = digits(text);
            if (!found
                    && all.length() >= 7
                    && all.length() == text.replaceAll("[\\s()+\\-]", "").length()) {
                numbers.add(all); // a bare number on record, e.g. 09311234567
            }
        }
        return numbers;
    }

    /**
     * Masks in a text written for a resident (by a member or an organizer) only the numbers in
     * {@code numbers} (as {@link #numbersIn} gives them), in whatever spelling they appear; every other
     * number, such as a service line the member gives the resident, stays as written.
     */
    public static String maskOnly(String text, Set<String> numbers) {
        if (text == null || numbers.isEmpty() || !mayHoldNumber(text)) {
            return text;
        }
        Matcher m = PHONE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String number = digits(m.group("mobile") != null ? m.group("mobile") : m.group("landline"));
            m.appendReplacement(sb, Matcher.quoteReplacement(numbers.contains(number) ? mask(number) : m.group()));
        }
        m.appendTail(sb);
        String out = sb.toString();
        for (String n : numbers) {
            if (n.length() >= 7 && !PHONE.matcher(n).matches()) {
                // a number on record the pattern does not recognise, written as it is stored
                out = out.replaceAll("(?<![0-9])" + Pattern.quote(n) + "(?![0-9])", Matcher.quoteReplacement(mask(n)));
            }
        }
        return out;
    }

    /**
     * Whether {@code text} has the seven digits (ASCII or full-width) that every number found here
     * needs: most texts masked (codes, names, short notes) have fewer, and skip the pattern.
     */
    private static boolean mayHoldNumber(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19')) {
                if (++digits == 7) {
                    return true;
                }
            }
        }
        return false;
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
