package io.tongxin.shared;

/** Masking of residents' phone numbers: every response shows {@code 138****1234}, never the full number. */
public final class Phones {

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
}
