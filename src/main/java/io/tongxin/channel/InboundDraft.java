package io.tongxin.channel;

import java.time.Instant;
import java.util.List;

/**
 * An authenticated callback message in normalised form, before it is stored.
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
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
