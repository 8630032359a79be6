package io.tongxin.opinion;

import io.tongxin.shared.BlankText;
import io.tongxin.shared.DomainException;

/**
 * A new opinion: from the API (an organizer on a resident's behalf) or from the bot (with the
 * resident's message as {@code source}). Community, workstation and resident are codes; urgency
 * overrides the dictionary when given.
 */
public record NewOpinion(
        String text,
        String communityCode,
        String workstationCode,
        String residentCode,
        Urgency urgency,
        SourceMessage source) {

    /** An opinion's text must not be blank and has at most 4000 characters. */
    public static void requireText(String text) {
        if (BlankText.isBlank(text)) {
            throw DomainException.invalidField("text", "must not be blank");
        }
        if (text.length() > 4000) {
            throw DomainException.invalidField("text", "at most 4000 characters");
        }
    }

    /**
     * The chat message it came from: where to answer the reporter, and the stored inbound message.
     * {@code answeredInChat}: the caller answers that message itself (the bot's reply, which names
     * the number and the assignee), so the reporter gets no separate first notice; later notices
     * (resolved, rejected, ...) still go out.
     */
    public record SourceMessage(
            String channelKey,
            String chatId,
            String userId,
            String displayName,
            Long inboxMessageId,
            boolean answeredInChat) {

        public SourceMessage(String channelKey, String chatId, String userId, String displayName, Long inboxMessageId) {
            this(channelKey, chatId, userId, displayName, inboxMessageId, false);
        }
    }
}
