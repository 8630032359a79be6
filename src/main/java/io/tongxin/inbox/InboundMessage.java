package io.tongxin.inbox;

import io.tongxin.channel.ChannelType;
import io.tongxin.channel.MediaRef;
import io.tongxin.channel.MessageKind;
import java.time.Instant;
import java.util.List;

/**
 * An accepted inbound message in normalised form, as {@link InboundHandler}s receive it. Built from
 * the stored copy, so a retry sees exactly what the first attempt saw.
 *
 * @param inboxId           the inbox row ({@code GET /api/inbox/{inboxId}})
 * @param channelKey        the channel it came in on
 * @param chatId            the group chat id, or null for a direct (one-to-one) chat
 * @param senderId          platform user id (OpenID, WeCom userid, bridge contact id)
 * @param senderName        display name when the platform gives one (bridge), else null
 * @param accountId         our account as the platform names it (ToUserName / aibotid), may be null
 * @param text              the text: message content, voice recognition, location label, link title;
 *                          for WeCom smart robots without the leading @-mention; null for image/event
 * @param mentions          ids @-mentioned in the message
 * @param mentionsBot       whether the bot was @-mentioned (always true for a WeCom robot in a group)
 * @param event             event name for {@link MessageKind#EVENT} (subscribe, unsubscribe, CLICK, ...)
 * @param eventKey          the event key (e.g. the menu key of a CLICK), may be null
 * @param responseUrl       WeCom smart robot's short-lived reply URL, else null
 * @param raw               the decrypted payload exactly as received (XML or JSON)
 * @param attempt           1 for the first processing attempt, 2 for the first retry, ...
 * @param senderVerified    whether the platform authenticated the body and so the sender (false for an
 *                          Official Account in plaintext mode): identity-bearing actions need it
 * @param media             the photos, voice messages and locations it carries, as references (the
 *                          media room fetches and stores them)
 */
public record InboundMessage(
        long inboxId,
        String channelKey,
        ChannelType channelType,
        MessageKind kind,
        String chatId,
        String senderId,
        String senderName,
        String accountId,
        String text,
        List<String> mentions,
        boolean mentionsBot,
        String event,
        String eventKey,
        String platformMessageId,
        Instant platformTime,
        Instant receivedAt,
        String responseUrl,
        String raw,
        int attempt,
        boolean senderVerified,
        List<MediaRef> media) {

    public InboundMessage {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** True when the message came from a group chat rather than a direct chat. */
    public boolean inGroup() {
        return chatId != null;
    }

    /** The message as handlers will see it, before it is stored (for {@link InboundHandler#wants}). */
    static InboundMessage candidate(
            String channelKey, ChannelType type, io.tongxin.channel.InboundDraft d, Instant receivedAt) {
        return new InboundMessage(
                0,
                channelKey,
                type,
                d.kind(),
                d.chatId(),
                d.senderId(),
                d.senderName(),
                d.accountId(),
                d.text(),
                d.mentions(),
                d.mentionsBot(),
                d.event(),
                d.eventKey(),
                d.platformMessageId(),
                d.platformTime(),
                receivedAt,
                d.responseUrl(),
                d.raw(),
                0,
                d.senderVerified(),
                d.media());
    }

    static InboundMessage of(InboxMessage m) {
        return new InboundMessage(
                m.id,
                m.channelKey,
                m.channelType,
                m.kind,
                m.chatId,
                m.senderId,
                m.senderName,
                m.accountId,
                m.text,
                m.mentionList(),
                m.mentionsBot,
                m.event,
                m.eventKey,
                m.platformMessageId,
                m.platformTime,
                m.receivedAt,
                m.responseUrl,
                m.raw,
                m.attempts,
                m.senderVerified,
                MediaRef.fromJson(m.media));
    }
}
