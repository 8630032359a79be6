package io.tongxin.opinion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxin.opinion.routing.RoutingDirectory.MemberRecord;
import io.tongxin.opinion.routing.RoutingDirectory.ResidentRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The router's rules and ranking without a database: members come from an in-memory
 * {@link RoutingDirectory}; open loads and last-assigned times are given, as {@link OpinionRouter}
 * counts them under its locks.
 */
class RoutingPolicyTest {

    static final LocalDate TODAY = LocalDate.parse("2026-05-01");

    /** A committee in memory: members, pairings, heads, communities of workstations. */
    static final class FakeDirectory implements RoutingDirectory {
        final List<MemberRecord> members = new ArrayList<>();
        final Map<String, String> pairings = new HashMap<>();
        final Map<String, String> heads = new HashMap<>();

        MemberRecord add(String code, String sector, String workstation, Set<String> communities, Integer cap) {
            return add(new MemberRecord(code, "委员" + code, sector, workstation, communities, cap, null));
        }

        MemberRecord add(MemberRecord m) {
            members.add(m);
            members.sort(Comparator.comparing(MemberRecord::code));
            return m;
        }

        public Optional<MemberRecord> member(String code) {
            return members.stream().filter(m -> m.code().equals(code)).findFirst();
        }

        public List<MemberRecord> membersServing(String communityCode, String workstationCode) {
            return members.stream()
                    .filter(m -> m.serves(communityCode, workstationCode))
                    .toList();
        }

        public List<MemberRecord> membersOfSectors(Collection<String> sectorCodes) {
            return members.stream()
                    .filter(m -> sectorCodes.contains(m.sectorCode()))
                    .toList();
        }

        public Optional<MemberRecord> pairedMember(String residentCode) {
            return Optional.ofNullable(pairings.get(residentCode)).flatMap(this::member);
        }

        public Optional<MemberRecord> workstationHead(String workstationCode) {
            return Optional.ofNullable(heads.get(workstationCode)).flatMap(this::member);
        }

        public Optional<String> workstationOfCommunity(String communityCode) {
            return Optional.empty();
        }

        public Optional<ResidentRecord> resident(String residentCode) {
            return Optional.empty();
        }

        public boolean communityExists(String communityCode) {
            return true;
        }

        public boolean workstationExists(String workstationCode) {
            return true;
        }
    }

    final FakeDirectory dir = new FakeDirectory();
    final Map<String, Integer> loads = new HashMap<>();
    final Map<String, Instant> lastAssigned = new HashMap<>();

    RoutingDecision route(String resident, String community, String workstation, List<String> sectors) {
        return route(resident, community, workstation, sectors, null);
    }

    RoutingDecision route(String resident, String community, String workstation, List<String> sectors, String exclude) {
        var request = new OpinionRouter.Request(resident, community, workstation, "市政设施", sectors, exclude);
        return RoutingPolicy.choose(new RoutingPolicy(dir).levels(request), loads, lastAssigned, TODAY, exclude);
    }

    @Test
    void shouldPreferThePairedMember() {
        dir.add("a", "s1", "w1", Set.of("c1"), null);
        dir.add("p", "s9", null, Set.of(), null);
        dir.pairings.put("r1", "p");
        var d = route("r1", "c1", "w1", List.of("s1"));
        assertEquals(RoutingDecision.PAIRING, d.rule());
        assertEquals("p", d.memberCode());
        assertEquals("member paired (结对) with resident r1; chose p (委员p)", d.reason());
    }

    @Test
    void shouldPreferAMemberOfTheAreaWhoseSectorFits() {
        dir.add("a", "s2", "w1", Set.of("c1"), null);
        dir.add("b", "s1", "w1", Set.of("c1"), null);
        var d = route("r1", "c1", "w1", List.of("s1"));
        assertEquals(RoutingDecision.AREA_SECTOR, d.rule());
        assertEquals("b", d.memberCode());
        assertEquals("serves community c1 / workstation w1 and the sector fits 市政设施; chose b (委员b)", d.reason());
        // the pairing level was tried and was empty: no candidate from it
        assertTrue(d.candidates().stream().allMatch(c -> c.rule().equals(RoutingDecision.AREA_SECTOR)));
    }

    @Test
    void shouldFallBackToTheAreaThenTheSectorThenTheHead() {
        dir.add("a", "s2", "w1", Set.of("c1"), null);
        var area = route(null, "c1", null, List.of("s1"));
        assertEquals(RoutingDecision.AREA, area.rule());
        assertEquals("serves community c1; chose a (委员a)", area.reason());

        dir.members.clear();
        dir.add("s", "s1", "w9", Set.of("c9"), null);
        var sector = route(null, "c1", null, List.of("s1"));
        assertEquals(RoutingDecision.SECTOR, sector.rule());
        assertEquals("sector fits 市政设施; chose s (委员s)", sector.reason());

        dir.members.clear();
        dir.add("h", "s9", "w9", Set.of(), null);
        dir.heads.put("w1", "h");
        var head = route(null, null, "w1", List.of());
        assertEquals(RoutingDecision.WORKSTATION_HEAD, head.rule());
        assertEquals("head of workstation w1; chose h (委员h)", head.reason());
    }

    @Test
    void shouldQueueForOrganizersWhenNobodyServes() {
        var d = route(null, "c1", "w1", List.of("s1"));
        assertEquals(RoutingDecision.ORGANIZER_QUEUE, d.rule());
        assertFalse(d.assigned());
        assertNull(d.memberName());
        assertEquals("no member serves this opinion; waiting in the organizer queue", d.reason());
        assertTrue(d.candidates().isEmpty());
    }

    @Test
    void shouldSkipMembersOnLeaveAtCapacityOrHandingItOverAndSaySo() {
        dir.add(new MemberRecord("away", "n", "s1", "w1", Set.of("c1"), null, TODAY));
        dir.add("full", "s1", "w1", Set.of("c1"), 2);
        dir.add("self", "s1", "w1", Set.of("c1"), null);
        loads.put("full", 2);
        var d = route(null, "c1", "w1", List.of("s1"), "self");
        assertEquals(RoutingDecision.ORGANIZER_QUEUE, d.rule());
        assertEquals("every candidate was skipped; waiting in the organizer queue", d.reason());
        Map<String, String> why = new HashMap<>();
        d.candidates().forEach(c -> why.put(c.memberCode(), c.reason()));
        assertEquals("skipped: on leave until 2026-05-01", why.get("away"));
        assertEquals("skipped: at capacity (2/2 open)", why.get("full"));
        assertEquals("skipped: is handing it over", why.get("self"));
        assertEquals(3, d.candidates().size(), "each member judged once although the area level lists them again");
        assertTrue(d.candidates().stream().noneMatch(RoutingDecision.Candidate::kept));
    }

    @Test
    void shouldTakeAMemberBackTheDayAfterTheirLeave() {
        dir.add(new MemberRecord("back", "n", "s1", "w1", Set.of("c1"), null, TODAY.minusDays(1)));
        assertEquals("back", route(null, "c1", "w1", List.of("s1")).memberCode());
    }

    @Test
    void shouldChooseTheLeastOpenLoad() {
        dir.add("a", "s1", "w1", Set.of("c1"), 5);
        dir.add("b", "s1", "w1", Set.of("c1"), null);
        loads.put("a", 3);
        loads.put("b", 1);
        var d = route(null, "c1", "w1", List.of("s1"));
        assertEquals("b", d.memberCode());
        assertTrue(
                d.reason().endsWith("among 2 available by least open load, then least recently assigned, then code"),
                d.reason());
        var a = d.candidates().stream()
                .filter(c -> c.memberCode().equals("a"))
                .findFirst()
                .orElseThrow();
        assertEquals("available (3 open of 5)", a.reason());
        assertEquals(3, a.openLoad());
    }

    @Test
    void shouldBreakLoadTiesByLeastRecentlyAssignedNeverFirst() {
        dir.add("a", "s1", "w1", Set.of("c1"), null);
        dir.add("b", "s1", "w1", Set.of("c1"), null);
        dir.add("c", "s1", "w1", Set.of("c1"), null);
        lastAssigned.put("a", Instant.parse("2026-04-30T10:00:00Z"));
        lastAssigned.put("b", Instant.parse("2026-04-29T10:00:00Z"));
        lastAssigned.put("c", Instant.parse("2026-04-30T09:00:00Z"));
        assertEquals("b", route(null, "c1", "w1", List.of("s1")).memberCode());
        dir.add("d", "s1", "w1", Set.of("c1"), null); // never assigned: before everyone
        assertEquals("d", route(null, "c1", "w1", List.of("s1")).memberCode());
    }

    @Test
    void shouldBreakRemainingTiesByCode() {
        dir.add("m2", "s1", "w1", Set.of("c1"), null);
        dir.add("m1", "s1", "w1", Set.of("c1"), null);
        assertEquals("m1", route(null, "c1", "w1", List.of("s1")).memberCode());
    }
}
