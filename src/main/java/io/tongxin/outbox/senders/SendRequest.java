package io.tongxin.outbox.senders;

import io.tongxin.outbox.Content.Format;
import io.tongxin.outbox.OutboundImages;
import java.util.List;

/**
 * One platform request: one part of one outbox message, on one channel, to one target.
 *
 * @param messageId the outbox row (for logs)
 * @param targetKind {@code user}, {@code chat}, {@code robot} or {@code reply}
 * @param targetId the user id, chat id, robot key or response_url
 * @param text the part's text; null for a photo part (the photo a message carries, sent after its text)
 * @param part 0-based part index; {@code parts} how many there are
 * @param image the photo this request sends: alone on a photo part (WeCom, Official Account, robot), or
 *     with the last text part (bridge: one call, text and attachment); null for text only
 */
public record SendRequest(
        long messageId,
        SendingChannel channel,
        String targetKind,
        String targetId,
        Format format,
        String text,
        List<String> mentionUserIds,
        List<String> mentionMobiles,
        int part,
        int parts,
        OutboundImages.Image image) {

    public boolean firstPart() {
        return part == 0;
    }

    /** A part that is the photo alone (no text). */
    public boolean photoOnly() {
        return text == null && image != null;
    }

    @Override
    public String toString() {
        return "SendRequest[#" + messageId + " " + channel.key() + " " + targetKind + " part " + (part + 1) + "/"
                + parts + "]";
    }
}
