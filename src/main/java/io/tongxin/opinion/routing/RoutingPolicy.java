package io.tongxin.opinion.routing;

import io.tongxin.opinion.routing.RoutingDecision.Candidate;
import io.tongxin.opinion.routing.RoutingDirectory.MemberRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing rules without the database: which members each rule considers (asked of the
 * {@link RoutingDirectory}) and, given their open loads and when each was last assigned, who is
 * chosen and why. {@link OpinionRouter} adds the locks and the counting.
 */
final class RoutingPolicy {

    /** One rule and the members it considers, in code order. */
    record Level(String rule, String why, List<MemberRecord> members) {}

    private final RoutingDirectory directory;

    RoutingPolicy(RoutingDirectory directory) {
        this.directory = directory;
    }

    /**
     * Walks the levels in order; the first with a member not skipped (handing it over, on leave
     * {@code today}, at capacity) decides: least open load, then least recently assigned (never
     * first), then code order. None: the organizer queue. Every member judged is a candidate once.
     */
    static RoutingDecision choose(
            List<Level> levels,
            Map<String, Integer> loads,
            Map<String, Instant> lastAssigned,
            LocalDate today,
            String excludeMemberCode) {
        return choose(levels, loads, lastAssigned, today, excludeMemberCode, Set.of());
    }

    /**
     * As above, but members in {@code busy} (their lock row is held by another routing transaction at
     * this moment, see {@link OpinionRouter#route}) are not chosen; they still count as available, so a
     * level whose available members are all busy does not pass the opinion on to the next level:
     * the answer is then {@code null} (the caller waits for those members' locks and decides again).
     */
    static RoutingDecision choose(
            List<Level> levels,
            Map<String, Integer> loads,
            Map<String, Instant> lastAssigned,
            LocalDate today,
            String excludeMemberCode,
            Set<String> busy) {
        List<Candidate> considered = new ArrayList<>();
        Set<String> judged = new LinkedHashSet<>();
        for (Level level : levels) {
            List<MemberRecord> kept = new ArrayList<>();
            for (MemberRecord m : level.members()) {
                if (!judged.add(m.code())) {
                    continue;
                }
                int load = loads.getOrDefault(m.code(), 0);
                String skip = skipReason(m, load, today, excludeMemberCode);
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
                List<MemberRecord> free =
                        kept.stream().filter(m -> !busy.contains(m.code())).toList();
                if (free.isEmpty()) {
                    return null;
                }
                MemberRecord chosen = free.stream()
                        .min(Comparator.<MemberRecord>comparingInt(m -> loads.getOrDefault(m.code(), 0))
                                .thenComparing(
                                        m -> lastAssigned.get(m.code()),
                                        Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(MemberRecord::code))
                        .orElseThrow();
                String reason = level.why() + "; chose " + chosen.code() + " (" + chosen.name() + ")"
                        + (kept.size() > 1
                                ? " among " + kept.size()
                                        + " available by least open load, then least recently assigned, then code"
                                : "")
                        + (free.size() < kept.size()
                                ? " (passed over, being assigned another opinion at that moment: "
                                        + kept.stream()
                                                .map(MemberRecord::code)
                                                .filter(busy::contains)
                                                .collect(java.util.stream.Collectors.joining(", "))
                                        + ")"
                                : "");
                return new RoutingDecision(level.rule(), reason, List.copyOf(considered), chosen.code(), chosen.name());
            }
        }
        String reason = considered.isEmpty()
                ? "no member serves this opinion; waiting in the organizer queue"
                : "every candidate was skipped; waiting in the organizer queue";
        return new RoutingDecision(RoutingDecision.ORGANIZER_QUEUE, reason, List.copyOf(considered), null, null);
    }

    List<Level> levels(OpinionRouter.Request r) {
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

    private static String areaText(OpinionRouter.Request r) {
        if (r.communityCode() != null && r.workstationCode() != null) {
            return "community " + r.communityCode() + " / workstation " + r.workstationCode();
        }
        return r.communityCode() != null ? "community " + r.communityCode() : "workstation " + r.workstationCode();
    }

    static String skipReason(MemberRecord m, int load, LocalDate today, String excluded) {
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

    static String capacityText(MemberRecord m) {
        return m.capacity() == null ? "" : " of " + m.capacity();
    }
}
