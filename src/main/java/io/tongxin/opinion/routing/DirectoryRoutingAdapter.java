package io.tongxin.opinion.routing;

import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.directory.MemberInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The routing port answered by the directory feature's public {@link Directory} (never its tables).
 * Joins the caller's transaction. The candidate lists (members serving an area, of a sector, a
 * pairing's member, a head) are the directory's per-instance "recent" reads (cached for
 * {@code tongxin.reference-cache.ttl}); {@link #member} (a named assignment) reads the member now.
 * Routing re-reads the chosen member's capacity and leave under its lock ({@link OpinionRouter}).
 */
@ApplicationScoped
public class DirectoryRoutingAdapter implements RoutingDirectory {

    @Inject
    Directory directory;

    @Override
    public Optional<MemberRecord> member(String code) {
        return directory.findMember(code).map(DirectoryRoutingAdapter::record);
    }

    @Override
    public List<MemberRecord> membersServing(String communityCode, String workstationCode) {
        Map<String, MemberRecord> byCode = new TreeMap<>();
        if (communityCode != null) {
            directory.membersServingCommunityRecent(communityCode).forEach(m -> byCode.put(m.code(), record(m)));
        }
        if (workstationCode != null) {
            directory.membersOfWorkstationRecent(workstationCode).forEach(m -> byCode.put(m.code(), record(m)));
        }
        return List.copyOf(byCode.values());
    }

    @Override
    public List<MemberRecord> membersOfSectors(Collection<String> sectorCodes) {
        Map<String, MemberRecord> byCode = new TreeMap<>();
        if (sectorCodes != null) {
            for (String sector : sectorCodes) {
                directory.membersOfSectorRecent(sector).forEach(m -> byCode.put(m.code(), record(m)));
            }
        }
        return List.copyOf(byCode.values());
    }

    @Override
    public Optional<MemberRecord> pairedMember(String residentCode) {
        return directory.pairingMemberForResident(residentCode).map(DirectoryRoutingAdapter::record);
    }

    @Override
    public Optional<MemberRecord> workstationHead(String workstationCode) {
        return directory.workstationHead(workstationCode).map(DirectoryRoutingAdapter::record);
    }

    @Override
    public Optional<String> workstationOfCommunity(String communityCode) {
        return directory.findCommunity(communityCode).map(CommunityInfo::workstationCode);
    }

    @Override
    public Optional<ResidentRecord> resident(String residentCode) {
        return directory
                .findResident(residentCode)
                .map(r -> new ResidentRecord(r.code(), r.channelKey(), r.userId(), r.displayName(), r.phone()));
    }

    @Override
    public boolean communityExists(String communityCode) {
        return directory.findCommunity(communityCode).isPresent();
    }

    @Override
    public boolean workstationExists(String workstationCode) {
        return directory.findWorkstation(workstationCode).isPresent();
    }

    private static MemberRecord record(MemberInfo m) {
        return new MemberRecord(
                m.code(),
                m.name(),
                m.sectorCode(),
                m.workstationCode(),
                Set.copyOf(m.communityCodes()),
                m.capacity(),
                m.onLeaveUntil());
    }
}
