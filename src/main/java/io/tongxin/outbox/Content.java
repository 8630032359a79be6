package io.tongxin.outbox;

import java.util.List;

/**
 * What an outbound message says: plain text or markdown, whom it @-mentions (by platform user
 * id and/or by mobile number, as the WeCom group robot allows; other platforms use the user ids),
 * and optionally a photo sent after the text ({@code imageMediaId}: a stored media item, by id; its
 * bytes are read when the photo is sent, by whichever instance sends it).
 * Long texts are split at the platform's limits when sent; mentions go with the first part.
 */
public record Content(
        Format format, String text, List<String> mentionUserIds, List<String> mentionMobiles, Long imageMediaId) {

    /** The two formats every sender understands (markdown degrades to text where unsupported). */
    public enum Format {
        TEXT,
        MARKDOWN;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Format fromWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Content {
        if (format == null) {
            throw new IllegalArgumentException("content format is required");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("content text is required");
        }
        if (text.length() > 100_000) {
            throw new IllegalArgumentException("content text is longer than 100000 characters");
        }
        if (imageMediaId != null && imageMediaId <= 0) {
            throw new IllegalArgumentException("an image is a media item id, a positive number");
        }
        mentionUserIds = mentionUserIds == null ? List.of() : List.copyOf(mentionUserIds);
        mentionMobiles = mentionMobiles == null ? List.of() : List.copyOf(mentionMobiles);
        for (String m : mentionUserIds) {
            checkMention(m);
        }
        for (String m : mentionMobiles) {
            checkMention(m);
        }
    }

    public static Content text(String text) {
        return new Content(Format.TEXT, text, List.of(), List.of(), null);
    }

    public static Content markdown(String text) {
        return new Content(Format.MARKDOWN, text, List.of(), List.of(), null);
    }

    /** The same content @-mentioning these user ids (e.g. {@code "@all"} on a WeCom robot). */
    public Content mentioning(String... userIds) {
        return new Content(format, text, List.of(userIds), mentionMobiles, imageMediaId);
    }

    /** The same content @-mentioning these mobile numbers (WeCom group robot text only). */
    public Content mentioningMobiles(String... mobiles) {
        return new Content(format, text, mentionUserIds, List.of(mobiles), imageMediaId);
    }

    /**
     * The same content followed by this photo (a media item's id; {@code null}: none). Sent as the
     * platform's image message after the text (WeCom app, Official Account, group robot), or with the
     * last text part as an attachment (bridge); see docs/outbox.md, "Photos".
     */
    public Content withImage(Long mediaItemId) {
        return new Content(format, text, mentionUserIds, mentionMobiles, mediaItemId);
    }

    /**
     * The same content @-mentioning this user id when a platform can mention it (non-blank, no comma,
     * at most 64 characters); otherwise the content as it is, never a refusal.
     */
    public Content mentioningIfPossible(String userId) {
        return mentionable(userId) ? mentioning(userId) : this;
    }

    private static boolean mentionable(String m) {
        return m != null && !m.isBlank() && !m.contains(",") && m.length() <= 64;
    }

    private static void checkMention(String m) {
        if (!mentionable(m)) {
            throw new IllegalArgumentException("mentions must be non-blank ids without commas, at most 64 characters");
        }
    }
}
