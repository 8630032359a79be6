package io.tongxin.outbox;

import io.tongxin.outbox.Content.Format;
import java.time.Instant;
import java.util.List;

/** An outbox row claimed by this instance for sending: an immutable copy, safe to hand to sender threads. */
record ClaimedMessage(
        long id,
        String channelKey,
        String targetKind,
        String targetId,
        String fallbackRobotKey,
        Instant targetExpiresAt,
        Format format,
        String body,
        List<String> mentionUserIds,
        List<String> mentionMobiles,
        int attempts,
        int failures,
        int partsSent,
        Long imageMediaId) {}
