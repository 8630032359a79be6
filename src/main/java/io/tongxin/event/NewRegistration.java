package io.tongxin.event;

import io.tongxin.shared.BlankText;
import io.tongxin.shared.DomainException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A sign-up as the service takes it, from the API or from a chat. The constructor checks the fields
 * that need no database (a blank or long name, an age out of range, a long note) and names the field.
 *
 * @param participantName who takes part (a child for a class), 1 to 100 characters
 * @param communityCode   the community the participant signs up for (quotas count by it), may be null
 * @param residentCode    the resident signing up, may be null
 * @param age             0 to 120, may be null
 * @param note            up to 500 characters, may be null
 * @param signer          the chat identity that signed up, null for the API
 */
public record NewRegistration(
        String participantName, String communityCode, String residentCode, Integer age, String note, Signer signer) {

    /** Highest age taken. */
    public static final int MAX_AGE = 120;

    /** The chat identity behind a sign-up: channel, user id and the group it came from (null in a direct chat). */
    public record Signer(String channelKey, String userId, String chatId) {}

    public NewRegistration {
        participantName = participantName == null ? null : participantName.strip();
        if (BlankText.isBlank(participantName)) {
            throw DomainException.invalidField("participantName", "must not be blank");
        }
        if (participantName.length() > 100) {
            throw DomainException.invalidField("participantName", "must be at most 100 characters");
        }
        communityCode = blankToNull(communityCode);
        residentCode = blankToNull(residentCode);
        if (age != null && (age < 0 || age > MAX_AGE)) {
            throw DomainException.invalidField("age", "must be from 0 to " + MAX_AGE);
        }
        note = blankToNull(note);
        if (note != null && note.length() > 500) {
            throw DomainException.invalidField("note", "must be at most 500 characters");
        }
    }

    /**
     * The name as duplicates are recognised: compatibility-normalised (full-width letters become
     * half-width), without whitespace, lower case. "张 三" and "张三", "Li Lei" and "li lei" are one person.
     */
    static String normalisedName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC)
                .replaceAll("[\\s\\u3000]+", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
