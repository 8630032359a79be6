package io.tongxin.opinion;

import io.tongxin.opinion.routing.RoutingDecision;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An opinion as the API shows it, mapped by {@link OpinionViews}. The reporter's phone is always
 * masked; {@code upward} is null until the opinion is reported upward.
 */
public record OpinionView(
        String number,

        @Schema(
                enumeration = {
                    "received",
                    "assigned",
                    "acknowledged",
                    "in_progress",
                    "resolved",
                    "closed",
                    "rejected",
                    "merged"
                })
        String status,

        String title,
        String text,
        String category,
        String categoryCode,
        Urgency urgency,
        Complexity complexity,
        String classificationReason,
        String communityCode,
        String workstationCode,
        Reporter reporter,
        Assignee assignee,
        Routing routing,
        Instant ackDueAt,
        Instant resolveDueAt,
        boolean overdue,
        Instant acknowledgedAt,
        Instant resolvedAt,
        String resolution,
        Instant closedAt,
        Integer satisfaction,
        String rejectReason,
        String mergedInto,
        Upward upward,
        String reportTitle,
        Instant createdAt,
        List<Source> sources,
        List<Event> history) {

    public record Assignee(String code, String name) {}

    public record Reporter(String code, String displayName, String phone) {}

    public record Routing(String rule, String reason, List<RoutingDecision.Candidate> candidates) {}

    /** A post the opinion came from; {@code inboxMessageId} links the stored inbound message ({@code GET /api/inbox/{id}}). */
    public record Source(
            String originNumber,
            String channelKey,
            String chatId,
            Long inboxMessageId,
            String text,
            Instant receivedAt) {}

    public record Event(String type, String actor, Instant at, String note) {}
}
