package io.tongxin.opinion.routing;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What routing needs to know about the committee, asked narrowly (members of an area, of sectors,
 * a pairing, a head) so routing never loads the whole directory. Implemented on top of the
 * directory feature by {@link DirectoryRoutingAdapter}. Open load is not asked here: it is counted
 * from the opinions themselves under a per-member lock ({@link OpinionRouter}).
 */
public interface RoutingDirectory {

    /** A member as routing sees it. {@code capacity} null means no limit; on leave through {@code onLeaveUntil}. */
    record MemberRecord(
            String code,
            String name,
            String sectorCode,
            String workstationCode,
            Set<String> communityCodes,
            Integer capacity,
            LocalDate onLeaveUntil) {

        public boolean serves(String communityCode, String workstationCode) {
            return (communityCode != null && communityCodes != null && communityCodes.contains(communityCode))
                    || (workstationCode != null && workstationCode.equals(this.workstationCode));
        }

        public boolean onLeave(LocalDate today) {
            return onLeaveUntil != null && !onLeaveUntil.isBefore(today);
        }
    }

    /** A resident as opinions need them: where to answer them, a display name, an optional phone. */
    record ResidentRecord(String code, String channelKey, String userId, String displayName, String phone) {}

    Optional<MemberRecord> member(String code);

    /**
     * Members who serve the community (list it among their communities) or belong to the workstation,
     * each once, in code order. Null codes select nothing.
     */
    List<MemberRecord> membersServing(String communityCode, String workstationCode);

    /** Members of any of the sectors, each once, in code order. */
    List<MemberRecord> membersOfSectors(Collection<String> sectorCodes);

    /** The member paired (结对) with this resident, if any. */
    Optional<MemberRecord> pairedMember(String residentCode);

    /** The head (站长) of the workstation, if it has one. */
    Optional<MemberRecord> workstationHead(String workstationCode);

    Optional<String> workstationOfCommunity(String communityCode);

    Optional<ResidentRecord> resident(String residentCode);

    boolean communityExists(String communityCode);

    boolean workstationExists(String workstationCode);
}
