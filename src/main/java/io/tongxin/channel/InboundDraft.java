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
        String raw) {

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
    }
}
