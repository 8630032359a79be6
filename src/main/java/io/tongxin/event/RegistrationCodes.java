package io.tongxin.event;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Registration codes: 8 characters from an alphabet without the look-alikes I, O, 0 and 1
 * ({@code A-HJ-NP-Z2-9}, 32 symbols, 40 bits), drawn from a {@link SecureRandom} so a code cannot be
 * guessed from another. Unique per event: the service checks under the event's lock and the
 * constraint {@code uq_event_registration_code} is the backstop.
 */
final class RegistrationCodes {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    static final int LENGTH = 8;

    /** What a code looks like; chat input is upper-cased before it is matched. */
    static final Pattern SHAPE = Pattern.compile("[A-HJ-NP-Z2-9]{8}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private RegistrationCodes() {}

    static String next() {
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }
}
