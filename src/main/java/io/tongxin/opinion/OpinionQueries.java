package io.tongxin.opinion;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tongxin.opinion.routing.RoutingDirectory;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reading opinions: one by number, the filtered list, a member's open assignments and what a
 * resident's rating rates. Members see only their own assignments. Each query is one JPQL statement
 * with named parameters; a filter left out is a null parameter (instants and lists, whose null
 * PostgreSQL cannot type, come with a boolean saying whether they apply).
 */
@ApplicationScoped
public class OpinionQueries {

    /**
     * What {@link #list} selects; every field is optional (null). {@code sectorCode}: the assignee's
     * sector; {@code category}: a category code or name; {@code from}/{@code to} bound the creation
     * time ({@code from} inclusive, {@code to} exclusive).
     */
    public record Filter(
            String assignee,
            OpinionStatus status,
            String communityCode,
            String workstationCode,
            String sectorCode,
            String category,
            Boolean overdue,
            Instant from,
            Instant to) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null, null);
        }
    }

    private static final String OVERDUE =
            "((status in :ackPhase and ackDueAt < :now)" + " or (status in :resolvePhase and resolveDueAt < :now))";

    private static final String LIST = "(:assignee is null or assigneeCode = :assignee)"
            + " and (:status is null or status = :status)"
            + " and (:community is null or communityCode = :community)"
            + " and (:workstation is null or workstationCode = :workstation)"
            + " and (:category is null or categoryCode = :category or categoryName = :category)"
            + " and (:bySector = false or assigneeCode in :sectorMembers)"
            + " and (:overdue is null or (:overdue = true and " + OVERDUE + ")"
            + " or (:overdue = false and not " + OVERDUE + "))"
            + " and (:byFrom = false or createdAt >= :from)"
            + " and (:byTo = false or createdAt < :to)";

    private static final String AWAITING_RATING = "status = :status and reporterChannelKey = :channel"
            + " and reporterUserId = :user"
            + " and ((:chat is null and reporterChatId is null) or reporterChatId = :chat)"
            + " and (:byAfter = false or resolvedAt > :after)";

    @Inject
    Clock clock;

    @Inject
    RoutingDirectory directory;

    @Inject
    OpinionViews views;

    /** An opinion by number for the system itself (the bot's status answers): no access check, never throws. */
    @Transactional
    public Optional<OpinionView> find(String number) {
        return Opinion.findByNumber(number).map(views::view);
    }

    /** An opinion by number; a member may read only their own assignments. */
    @Transactional
    public OpinionView get(String number, Actor actor) {
        Opinion o = Opinion.findByNumber(number).orElseThrow(() -> DomainException.notFound("opinion", number));
        actor.requireOwn(o.number, o.assigneeCode);
        return views.view(o);
    }

    /** Lists opinions newest first; a member's list is restricted to their own assignments. */
    @Transactional
    public ListResult<OpinionView> list(Filter f, Paging page, Actor actor) {
        List<String> sectorMembers = List.of();
        if (f.sectorCode() != null) {
            sectorMembers = directory.membersOfSectors(List.of(f.sectorCode())).stream()
                    .map(RoutingDirectory.MemberRecord::code)
                    .toList();
            if (sectorMembers.isEmpty()) {
                return new ListResult<>(List.of(), 0); // nobody in that sector: nothing is assigned to it
            }
        }
        Parameters p = Parameters.with("assignee", actor.organizer() ? f.assignee() : actor.memberCode())
                .and("status", f.status())
                .and("community", f.communityCode())
                .and("workstation", f.workstationCode())
                .and("category", f.category())
                .and("bySector", f.sectorCode() != null)
                .and("sectorMembers", sectorMembers)
                .and("overdue", f.overdue())
                .and("ackPhase", List.of(OpinionStatus.RECEIVED, OpinionStatus.ASSIGNED))
                .and("resolvePhase", List.of(OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS))
                .and("now", clock.instant())
                .and("byFrom", f.from() != null)
                .and("from", f.from())
                .and("byTo", f.to() != null)
                .and("to", f.to());
        var q = Opinion.<Opinion>find(LIST, Sort.descending("createdAt").and("id", Sort.Direction.Descending), p);
        List<OpinionView> items = q.page(page.page(), page.size()).list().stream()
                .map(views::view)
                .toList();
        return new ListResult<>(items, q.count());
    }

    /**
     * The resolved, not yet rated opinion this chat identity reported in this chat (null = a direct
     * chat), resolved after {@code resolvedAfter} (null = any time), most recently resolved first:
     * what a resident's "5" in that chat rates.
     */
    @Transactional
    public Optional<String> awaitingRating(String channelKey, String chatId, String userId, Instant resolvedAfter) {
        Parameters p = Parameters.with("status", OpinionStatus.RESOLVED)
                .and("channel", channelKey)
                .and("user", userId)
                .and("chat", chatId)
                .and("byAfter", resolvedAfter != null)
                .and("after", resolvedAfter);
        return Opinion.<Opinion>find(
                        AWAITING_RATING, Sort.descending("resolvedAt").and("id", Sort.Direction.Descending), p)
                .firstResultOptional()
                .map(o -> o.number);
    }

    /**
     * Whether the opinion {@code number} is resolved, not yet rated, and was reported by this chat
     * identity (in any chat of the channel): what {@code 评价 <number> <1-5>} may rate.
     */
    @Transactional
    public boolean awaitsRatingFrom(String number, String channelKey, String userId) {
        return Opinion.count(
                        "number = ?1 and status = ?2 and reporterChannelKey = ?3 and reporterUserId = ?4",
                        number,
                        OpinionStatus.RESOLVED,
                        channelKey,
                        userId)
                > 0;
    }

    /**
     * A member's open assignments (assigned: due to be acknowledged; acknowledged or in progress: due to
     * be resolved), the nearest deadline first, at most {@code limit} of them, and how many there are.
     */
    @Transactional
    public ListResult<OpinionView> openAssignments(String memberCode, int limit) {
        var q = Opinion.<Opinion>find(
                "assigneeCode = ?1 and status in ?2",
                Sort.ascending("createdAt").and("id"),
                memberCode,
                List.of(OpinionStatus.ASSIGNED, OpinionStatus.ACKNOWLEDGED, OpinionStatus.IN_PROGRESS));
        List<Opinion> open = new ArrayList<>(q.page(0, 500).list());
        open.sort(Comparator.comparing((Opinion o) -> o.status == OpinionStatus.ASSIGNED ? o.ackDueAt : o.resolveDueAt)
                .thenComparing(o -> o.number));
        return new ListResult<>(open.stream().limit(limit).map(views::view).toList(), q.count());
    }
}
