package io.tongxin.inbox;

import io.tongxin.channel.ChannelType;
import io.tongxin.channel.MessageKind;
import io.tongxin.shared.Phones;
import java.time.Instant;
import java.util.List;

/**
 * An inbox message in lists: normalised fields and processing state, never secrets or reply URLs.
 * Residents' words are shown with phone numbers masked ({@link Phones#maskText}), as every notice is.
 */
public record InboxView(
        long id,
        String channelKey,
        ChannelType channelType,
        InboxStatus status,
        MessageKind kind,
        String event,
        String eventKey,
        String chatId,
        String senderId,
        String senderName,
        String text,
        List<String> mentions,
        boolean mentionsBot,
        String platformMessageId,
        Instant platformTime,
        Instant receivedAt,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant processedAt,
        String reply,
        String replyDelivery,
        boolean senderVerified) {

    static InboxView of(InboxMessage m) {
        return new InboxView(
                m.id,
                m.channelKey,
                m.channelType,
                m.status,
                m.kind,
                m.event,
                m.eventKey,
                m.chatId,
                m.senderId,
                m.senderName,
                Phones.maskText(m.text),
                m.mentionList(),
                m.mentionsBot,
                m.platformMessageId,
                m.platformTime,
                m.receivedAt,
                m.attempts,
                m.nextAttemptAt,
                m.lastError,
                m.processedAt,
                Phones.maskText(m.reply),
                m.replyDelivery,
                m.senderVerified);
    }
}
