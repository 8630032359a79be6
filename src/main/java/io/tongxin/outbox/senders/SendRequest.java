package io.tongxin.outbox.senders;

import io.tongxin.outbox.Content.Format;
import java.util.List;

/**
 * One platform request: one part of one outbox message, on one channel, to one target.
 *
 * @param messageId the outbox row (for logs)
 * @param targetKind {@code user}, {@code chat}, {@code robot} or {@code reply}
 * @param targetId the user id, chat id, robot key or response_url
 * @param part 0-based part index; {@code parts} how many there are
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
        int parts) {

    public boolean firstPart() {
        return part == 0;
    }

    @Override
    public String toString() {
        return "SendRequest[#" + messageId + " " + channel.key() + " " + targetKind + " part " + (part + 1) + "/"
                + parts + "]";
    }
}
