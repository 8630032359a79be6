package io.tongxin.opinion;

import io.tongxin.opinion.routing.RoutingDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory the routing tests arrange directly (until the directory feature's adapter is wired,
 * this stands in for it): members, pairings, workstation heads, communities and residents.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestDirectory implements RoutingDirectory {

    private final Map<String, MemberRecord> members = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pairings = new ConcurrentHashMap<>();
    private final Map<String, String> heads = new ConcurrentHashMap<>();
    private final Map<String, String> communities = new ConcurrentHashMap<>();
    private final Map<String, ResidentRecord> residents = new ConcurrentHashMap<>();

    public TestDirectory member(String code, String name, String sector, String workstation, Set<String> communities,
            Integer capacity, LocalDate onLeaveUntil) {
        members.put(code, new MemberRecord(code, name, sector, workstation, communities, capacity, onLeaveUntil));
        return this;
    }

    public TestDirectory pair(String resident, String member) {
        pairings.put(resident, List.of(member));
        return this;
    }

    public TestDirectory head(String workstation, String member) {
        heads.put(workstation, member);
        return this;
    }

    public TestDirectory community(String community, String workstation) {
        communities.put(community, workstation);
        return this;
    }

    public TestDirectory resident(String code, String channelKey, String userId, String name, String phone) {
        residents.put(code, new ResidentRecord(code, channelKey, userId, name, phone));
        return this;
    }

    @Override
    public List<MemberRecord> members() {
        return members.values().stream().sorted(Comparator.comparing(MemberRecord::code)).toList();
    }

    @Override
    public Optional<MemberRecord> member(String code) {
        return Optional.ofNullable(members.get(code));
    }

    @Override
    public List<String> pairedMemberCodes(String residentCode) {
        return pairings.getOrDefault(residentCode, List.of());
    }

    @Override
    public Optional<String> workstationHeadCode(String workstationCode) {
        return Optional.ofNullable(heads.get(workstationCode));
    }

    @Override
    public Optional<String> workstationOfCommunity(String communityCode) {
        return Optional.ofNullable(communities.get(communityCode));
    }

    @Override
    public Optional<ResidentRecord> resident(String residentCode) {
        return Optional.ofNullable(residents.get(residentCode));
    }

    @Override
    public boolean communityExists(String communityCode) {
        return communities.containsKey(communityCode);
    }

    @Override
    public boolean workstationExists(String workstationCode) {
        return communities.containsValue(workstationCode) || heads.containsKey(workstationCode);
    }
}
