package io.tongxin.channel;

import io.tongxin.shared.ControlCharacters;
import java.time.Instant;
import java.util.List;

/**
 * An authenticated callback message in normalised form, before it is stored. Every adapter builds one,
 * so normalisation common to all platforms happens here: control characters other than line breaks
 * and tabs (NUL, ESC, BEL, ...) are removed from every field, so a message that carries them is stored
 * without them rather than refused or lost (PostgreSQL cannot store NUL); a platform time outside
 * 1970..9999 is malformed.
 *
 * @param dedupeKey         unique per channel: {@code id:<platform message id>}, else
 *                          {@code at:<sender>:<CreateTime>[:<event>:<eventKey>]}
 * @param chatId            the group chat, or null for a direct chat
 * @param accountId         our side of the conversation as the platform names it (ToUserName); needed
 *                          for a passive reply
 * @param responseUrl       WeCom smart robot reply URL (short-lived), else null
 * @param raw               the decrypted message exactly as the platform sent it (XML or JSON)
 * @param senderVerified    whether the platform authenticated the body, and so the sender: false only
 *                          for an Official Account in plaintext mode, whose signature covers the URL
 *                          (token, timestamp, nonce) but not the body
 * @param replayKey         for a body the signature does not cover, the signed {@code timestamp:nonce}
 *                          that may be used for one message only; else null
 * @param media             the photos, voice messages and locations the message carries (references
 *                          only: they are fetched later, by the inbox worker)
 */
public record InboundDraft(
        String dedupeKey,
        MessageKind kind,
        String event,
        String eventKey,
        String chatId,
        String senderId,
        String senderName,
        String accountId,
        String text,
        List<String> mentions,
        boolean mentionsBot,
        String platformMessageId,
        Instant platformTime,
        String responseUrl,
        String raw,
        boolean senderVerified,
        String replayKey,
        List<MediaRef> media) {

    /**
     * This message with an unauthenticated body: its sender cannot be trusted for identity-bearing
     * actions, and its signed {@code replayKey} may carry no other message.
     */
    public InboundDraft unverifiedSender(String replayKey) {
        return new InboundDraft(
                dedupeKey,
                kind,
                event,
                eventKey,
                chatId,
                senderId,
                senderName,
                accountId,
                text,
                mentions,
                mentionsBot,
                platformMessageId,
                platformTime,
                responseUrl,
                raw,
                false,
                replayKey,
                media);
    }

    public InboundDraft {
        dedupeKey = ControlCharacters.strip(dedupeKey);
        event = ControlCharacters.strip(event);
        eventKey = ControlCharacters.strip(eventKey);
        chatId = ControlCharacters.strip(chatId);
        senderId = ControlCharacters.strip(senderId);
        senderName = ControlCharacters.strip(senderName);
        accountId = ControlCharacters.strip(accountId);
        text = ControlCharacters.strip(text);
        mentions = mentions == null
                ? List.of()
                : mentions.stream().map(ControlCharacters::strip).toList();
        platformMessageId = ControlCharacters.strip(platformMessageId);
        platformTime = PlatformTime.check(platformTime, "the message time");
        responseUrl = ControlCharacters.strip(responseUrl);
        raw = ControlCharacters.strip(raw);
        media = media == null ? List.of() : List.copyOf(media);
    }
}
