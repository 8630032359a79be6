package io.tongxin.outbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An outbox message as the admin API shows it. {@code target} reads
 * {@code kind:id} ({@code user:zhangsan}, {@code chat:wrOgQh...}); robot keys and response URLs are
 * credentials and show masked. {@code attempts} counts delivery attempts; {@code history} (detail
 * only) lists every platform request. {@code imageMediaId} names the photo sent after the text
 * (a media item, shown with its opinion's attachments), null for a text-only message.
 */
public record OutboxMessageView(
        long id,

        @Schema(enumeration = {"pending", "retrying", "sent", "dead"})
        String status,

        String channelKey,
        String target,
        String text,
        String format,
        List<String> mentions,
        Long imageMediaId,
        OriginView origin,
        int attempts,
        int failures,
        String lastError,
        String lastErrorCode,
        Instant sentAt,
        String idempotencyKey,
        int priority,
        Instant notBefore,
        Instant nextAttemptAt,
        Integer parts,
        int partsSent,
        String platformResponse,
        Instant createdAt,
        List<AttemptView> history) {

    /** Origin: what caused the message. */
    public record OriginView(String type, String id) {}

    /** One platform request. */
    public record AttemptView(
            int attempt,
            int part,
            String sender,
            String outcome,
            String errorCode,
            String detail,
            String instanceId,
            Instant at,
            long durationMs) {

        static AttemptView of(OutboxAttempt a) {
            return new AttemptView(
                    a.attempt,
                    a.part + 1,
                    a.sender,
                    a.outcome,
                    a.errorCode,
                    a.detail,
                    a.instanceId,
                    a.at,
                    a.durationMs);
        }
    }

    static OutboxMessageView of(OutboxMessage m, List<AttemptView> history) {
        List<String> mentions = new java.util.ArrayList<>();
        if (m.mentionUserIds != null) {
            mentions.addAll(Arrays.asList(m.mentionUserIds.split(",")));
        }
        if (m.mentionMobiles != null) {
            Arrays.stream(m.mentionMobiles.split(","))
                    .map(io.tongxin.shared.Phones::mask)
                    .forEach(mentions::add);
        }
        boolean open = "pending".equals(m.status) || "retrying".equals(m.status);
        return new OutboxMessageView(
                m.id,
                m.status,
                m.channelKey,
                target(m),
                io.tongxin.shared.Phones.maskText(m.body),
                m.format,
                mentions,
                m.imageMediaId,
                new OriginView(m.originType, m.originId),
                m.attempts,
                m.failures,
                m.lastError,
                m.lastErrorCode,
                m.sentAt,
                m.idempotencyKey,
                m.priority,
                m.notBefore,
                open ? m.nextAttemptAt : null,
                m.partsTotal,
                m.partsSent,
                m.platformResponse,
                m.createdAt,
                history);
    }

    static String target(OutboxMessage m) {
        return switch (m.targetKind) {
            case "robot" -> "robot:" + Target.mask(m.targetId);
            case "reply" ->
                "reply:" + io.tongxin.outbox.senders.PlatformHttp.mask(m.targetId)
                        + (m.fallbackRobotKey == null
                                ? ""
                                : " (fallback robot:" + Target.mask(m.fallbackRobotKey) + ")");
            default -> m.targetKind + ":" + m.targetId;
        };
    }
}
