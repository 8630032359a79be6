package io.tongxin.channel;

import java.util.Optional;

/**
 * One platform's wire protocol: URL verification, verify + decrypt + parse + normalise of a message,
 * and the acknowledgement (or passive reply) to send back. Implementations hold no state and run
 * outside any transaction.
 */
public interface CallbackAdapter {

    /** Answers the platform's URL verification GET; throws {@link WebhookRejection} when it fails. */
    String verifyUrl(ChannelSecrets channel, CallbackRequest request);

    /** Authenticates and normalises a message POST; throws {@link WebhookRejection} on bad input. */
    InboundDraft open(ChannelSecrets channel, CallbackRequest request);

    /**
     * The answer for an accepted (or duplicate) message: the plain acknowledgement, or the passive
     * reply built from {@code reply} for the message's sender.
     *
     * @param senderId  the stored message's sender
     * @param accountId the stored message's ToUserName (our side)
     */
    CallbackAnswer answer(
            ChannelSecrets channel, CallbackRequest request, String senderId, String accountId, Optional<String> reply);
}
