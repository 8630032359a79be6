package io.tongxin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One audit entry as {@code GET /api/audit} shows it. {@code via}: {@code api}, {@code chat} or
 * {@code system}; {@code actor.kind}: the token's role ({@code admin}, {@code organizer}, {@code member}),
 * {@code member} or {@code resident} in a chat, or {@code system}; {@code actor.id}: {@code token:<id>},
 * {@code bootstrap-admin}, a member code, or a resident's {@code channelKey/userId} ({@code erased}
 * after an erasure).
 */
public record AuditView(
        long id,
        Instant at,
        String via,
        Actor actor,
        String action,
        String subjectType,
        String subjectCode,
        JsonNode before,
        JsonNode after,
        String channelKey,
        String chatId) {

    public record Actor(String kind, String id, String name) {}
}
