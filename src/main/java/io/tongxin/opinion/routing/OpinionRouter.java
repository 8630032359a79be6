package io.tongxin.opinion.routing;

import io.tongxin.opinion.routing.RoutingDecision.Candidate;
import io.tongxin.opinion.routing.RoutingDirectory.MemberRecord;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** What to route: where the opinion is from, who reported it, which sectors fit its category. */
    public record Request(
            String residentCode,
            String communityCode,
            String workstationCode,
            String categoryName,
            List<String> sectorCodes,
            String excludeMemberCode) {}

    private record Level(String rule, String why, List<MemberRecord> members) {}

    @Inject
    RoutingDirectory directory;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision route(Request r) {
        List<Level> levels = levels(r);
        Set<String> codes = new TreeSet<>();
        levels.forEach(l -> l.members().forEach(m -> codes.add(m.code())));
        Map<String, Instant> lastAssigned = lock(codes);
        Map<String, Integer> loads = openLoads(codes);
        LocalDate today = LocalDate.now(clock.withZone(ZONE));

        List<Candidate> considered = new ArrayList<>();
        Set<String> judged = new LinkedHashSet<>();
        for (Level level : levels) {
            List<MemberRecord> kept = new ArrayList<>();
            for (MemberRecord m : level.members()) {
                if (!judged.add(m.code())) {
                    continue;
                }
                int load = loads.getOrDefault(m.code(), 0);
                String skip = skipReason(m, load, today, r.excludeMemberCode());
                considered.add(new Candidate(
                        m.code(),
                        m.name(),
                        level.rule(),
                        skip == null,
                        skip == null ? "available (" + load + " open" + capacityText(m) + ")" : skip,
                        load,
                        m.capacity()));
                if (skip == null) {
                    kept.add(m);
                }
            }
            if (!kept.isEmpty()) {
                MemberRecord chosen = kept.stream()
                        .min(Comparator.<MemberRecord>comparingInt(m -> loads.getOrDefault(m.code(), 0))
                                .thenComparing(
                                        m -> lastAssigned.get(m.code()),
                                        Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(MemberRecord::code))
                        .orElseThrow();
                touch(chosen.code());
                String reason = level.why() + "; chose " + chosen.code() + " (" + chosen.name() + ")"
                        + (kept.size() > 1
                                ? " among " + kept.size()
                                        + " available by least open load, then least recently assigned, then code"
                                : "");
                return new RoutingDecision(level.rule(), reason, List.copyOf(considered), chosen.code(), chosen.name());
            }
        }
        String reason = considered.isEmpty()
                ? "no member serves this opinion; waiting in the organizer queue"
                : "every candidate was skipped; waiting in the organizer queue";
        return new RoutingDecision(RoutingDecision.ORGANIZER_QUEUE, reason, List.copyOf(considered), null, null);
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
                        () -> ProblemException.invalidField("memberCode", "no member with code '" + memberCode + "'"));
        lock(Set.of(m.code()));
        int load = openLoads(Set.of(m.code())).getOrDefault(m.code(), 0);
        String skip = skipReason(m, load, LocalDate.now(clock.withZone(ZONE)), null);
        if (skip != null) {
            throw ProblemException.conflict("member " + m.code() + " cannot take it: " + skip);
        }
        touch(m.code());
        var candidate = new Candidate(
                m.code(),
                m.name(),
                rule,
                true,
                "available (" + load + " open" + capacityText(m) + ")",
                load,
                m.capacity());
        return new RoutingDecision(rule, why, List.of(candidate), m.code(), m.name());
    }

    private List<Level> levels(Request r) {
        List<Level> levels = new ArrayList<>();
        String area = areaText(r);
        Set<String> sectors = Set.copyOf(r.sectorCodes() == null ? List.of() : r.sectorCodes());
        if (r.residentCode() != null) {
            levels.add(new Level(
                    RoutingDecision.PAIRING,
                    "member paired (结对) with resident " + r.residentCode(),
                    directory.pairedMember(r.residentCode()).map(List::of).orElse(List.of())));
        }
        boolean hasArea = r.communityCode() != null || r.workstationCode() != null;
        List<MemberRecord> areaMembers =
                hasArea ? directory.membersServing(r.communityCode(), r.workstationCode()) : List.of();
        if (hasArea && !sectors.isEmpty()) {
            levels.add(new Level(
                    RoutingDecision.AREA_SECTOR,
                    "serves " + area + " and the sector fits " + r.categoryName(),
                    areaMembers.stream()
                            .filter(m -> sectors.contains(m.sectorCode()))
                            .toList()));
        }
        if (hasArea) {
            levels.add(new Level(RoutingDecision.AREA, "serves " + area, areaMembers));
        }
        if (!sectors.isEmpty()) {
            levels.add(new Level(
                    RoutingDecision.SECTOR, "sector fits " + r.categoryName(), directory.membersOfSectors(sectors)));
        }
        if (r.workstationCode() != null) {
            levels.add(new Level(
                    RoutingDecision.WORKSTATION_HEAD,
                    "head of workstation " + r.workstationCode(),
                    directory.workstationHead(r.workstationCode()).map(List::of).orElse(List.of())));
        }
        return levels;
    }

    private static String areaText(Request r) {
        if (r.communityCode() != null && r.workstationCode() != null) {
            return "community " + r.communityCode() + " / workstation " + r.workstationCode();
        }
        return r.communityCode() != null ? "community " + r.communityCode() : "workstation " + r.workstationCode();
    }

    private static String skipReason(MemberRecord m, int load, LocalDate today, String excluded) {
        if (m.code().equals(excluded)) {
            return "skipped: is handing it over";
        }
        if (m.onLeave(today)) {
            return "skipped: on leave until " + m.onLeaveUntil();
        }
        if (m.capacity() != null && load >= m.capacity()) {
            return "skipped: at capacity (" + load + "/" + m.capacity() + " open)";
        }
        return null;
    }

    private static String capacityText(MemberRecord m) {
        return m.capacity() == null ? "" : " of " + m.capacity();
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
