package io.tongxin.opinion.routing;

import io.tongxin.opinion.routing.RoutingDecision.Candidate;
import io.tongxin.opinion.routing.RoutingDirectory.MemberRecord;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Explainable routing. Rules in order: (1) the reporter's pairing member; (2) members serving the
 * community or workstation whose sector fits the category; (3) members serving the area; (4) members
 * of a fitting sector; (5) the workstation head; (6) the organizer queue. Members on leave or at
 * capacity are skipped (and say so); among the rest the least open load wins, then the least
 * recently assigned, then code order.
 *
 * <p>Race safety: every candidate's {@code opinion_member_lock} row is locked ({@code FOR UPDATE}, in
 * code order so two routers cannot deadlock) before loads are counted, and held until the caller's
 * transaction commits the assignment. A second router waits, then counts the first one's assignment.
 * Must run inside the caller's transaction.
 */
@ApplicationScoped
public class OpinionRouter {

    /** What to route: where the opinion is from, who reported it, which sectors fit its category. */
    public record Request(
            String residentCode,
            String communityCode,
            String workstationCode,
            String categoryName,
            List<String> sectorCodes,
            String excludeMemberCode) {}

    @Inject
    RoutingDirectory directory;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The deployment's zone: "on leave until" is a date there. */
    @Inject
    ZoneId zone;

    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision route(Request r) {
        List<RoutingPolicy.Level> levels = new RoutingPolicy(directory).levels(r);
        Set<String> codes = new TreeSet<>();
        levels.forEach(l -> l.members().forEach(m -> codes.add(m.code())));
        Map<String, Instant> lastAssigned = lock(codes);
        Map<String, Integer> loads = openLoads(codes);
        RoutingDecision d = RoutingPolicy.choose(
                levels, loads, lastAssigned, LocalDate.now(clock.withZone(zone)), r.excludeMemberCode());
        if (d.assigned()) {
            touch(d.memberCode());
        }
        return d;
    }

    /**
     * What {@link #route} would decide now, read only: no member row locked, created or touched (the
     * bot playground's dry run describes where an opinion would go).
     */
    @SuppressWarnings("unchecked")
    public RoutingDecision preview(Request r) {
        List<RoutingPolicy.Level> levels = new RoutingPolicy(directory).levels(r);
        Set<String> codes = new TreeSet<>();
        levels.forEach(l -> l.members().forEach(m -> codes.add(m.code())));
        Map<String, Instant> lastAssigned = new HashMap<>();
        if (!codes.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery(
                            "select member_code, last_assigned_at from opinion_member_lock where member_code in (?1)")
                    .setParameter(1, new ArrayList<>(codes))
                    .getResultList();
            for (Object[] row : rows) {
                lastAssigned.put((String) row[0], toInstant(row[1]));
            }
        }
        return RoutingPolicy.choose(
                levels, openLoads(codes), lastAssigned, LocalDate.now(clock.withZone(zone)), r.excludeMemberCode());
    }

    /**
     * Assignment to a named member (organizer assign, member transfer): the member must exist, not be
     * on leave and have room, checked under the same lock as automatic routing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision assignTo(String memberCode, String rule, String why) {
        MemberRecord m = directory
                .member(memberCode)
                .orElseThrow(
                        () -> DomainException.invalidField("memberCode", "no member with code '" + memberCode + "'"));
        lock(Set.of(m.code()));
        int load = openLoads(Set.of(m.code())).getOrDefault(m.code(), 0);
        String skip = RoutingPolicy.skipReason(m, load, LocalDate.now(clock.withZone(zone)), null);
        if (skip != null) {
            throw DomainException.conflict("member " + m.code() + " cannot take it: " + skip);
        }
        touch(m.code());
        var candidate = new Candidate(
                m.code(),
                m.name(),
                rule,
                true,
                "available (" + load + " open" + RoutingPolicy.capacityText(m) + ")",
                load,
                m.capacity());
        return new RoutingDecision(rule, why, List.of(candidate), m.code(), m.name());
    }

    /**
     * Locks the members' rows in code order and returns when each was last assigned. Rows for members
     * never routed to before are created first (without holding any lock, so two routers cannot
     * deadlock on them); then one statement locks them all in code order. Usually two statements.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Instant> lock(Set<String> codes) {
        Map<String, Instant> last = new HashMap<>();
        if (codes.isEmpty()) {
            return last;
        }
        Set<String> missing = new TreeSet<>(codes);
        missing.removeAll(em.createNativeQuery("select member_code from opinion_member_lock where member_code in (?1)")
                .setParameter(1, new ArrayList<>(codes))
                .getResultList());
        for (String code : missing) {
            em.createNativeQuery("insert into opinion_member_lock (member_code) values (?1) on conflict do nothing")
                    .setParameter(1, code)
                    .executeUpdate();
        }
        for (Object[] row : lockRows(codes)) {
            last.put((String) row[0], toInstant(row[1]));
        }
        return last;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> lockRows(Set<String> codes) {
        return em.createNativeQuery("select member_code, last_assigned_at from opinion_member_lock "
                        + "where member_code in (?1) order by member_code for update")
                .setParameter(1, new ArrayList<>(codes))
                .getResultList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Integer> openLoads(Set<String> codes) {
        Map<String, Integer> loads = new HashMap<>();
        if (codes.isEmpty()) {
            return loads;
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select assignee_code, count(*) from opinion where assignee_code in (?1)"
                                + " and status in ('assigned', 'acknowledged', 'in_progress') group by assignee_code")
                .setParameter(1, new ArrayList<>(codes))
                .getResultList();
        for (Object[] row : rows) {
            loads.put((String) row[0], ((Number) row[1]).intValue());
        }
        return loads;
    }

    private void touch(String code) {
        em.createNativeQuery("update opinion_member_lock set last_assigned_at = ?1 where member_code = ?2")
                .setParameter(1, clock.instant())
                .setParameter(2, code)
                .executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
