package io.tongxin.media;

import java.time.Instant;
import java.util.Optional;

/**
 * The reports residents file from chat messages, as the media room needs to see them to attach a
 * photo that comes after its report. Implemented by the opinion room (which depends on this one, not
 * the reverse).
 */
public interface ChatReports {

    /**
     * The opinion most recently filed from a message of {@code senderId} in this chat ({@code chatId}
     * null: the direct chat) on this channel, filed between {@code from} and {@code to}.
     */
    Optional<Long> latestFiledBy(String channelKey, String chatId, String senderId, Instant from, Instant to);
}
