package io.tongxin.opinion.routing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What routing needs to know about the committee: the port the directory feature implements. Kept
 * small so routing can be tested on its own; open load is not asked here, it is counted from the
 * opinions themselves under a per-member lock ({@link OpinionRouter}).
 */
public interface RoutingDirectory {

    /** A member as routing sees it. {@code capacity} null means no limit; on leave through {@code onLeaveUntil}. */
    record MemberRecord(String code, String name, String sectorCode, String workstationCode,
            Set<String> communityCodes, Integer capacity, LocalDate onLeaveUntil) {

        public boolean serves(String communityCode, String workstationCode) {
            return (communityCode != null && communityCodes != null && communityCodes.contains(communityCode))
                    || (workstationCode != null && workstationCode.equals(this.workstationCode));
        }

        public boolean onLeave(LocalDate today) {
            return onLeaveUntil != null && !onLeaveUntil.isBefore(today);
        }
    }

    /** A resident as opinions need them: where to answer them, a display name, an optional phone. */
    record ResidentRecord(String code, String channelKey, String userId, String displayName, String phone) {
    }

    /** Every member that may receive opinions, in code order. */
    List<MemberRecord> members();

    Optional<MemberRecord> member(String code);

    /** The members paired (结对) with this resident, in code order. */
    List<String> pairedMemberCodes(String residentCode);

    Optional<String> workstationHeadCode(String workstationCode);

    Optional<String> workstationOfCommunity(String communityCode);

    Optional<ResidentRecord> resident(String residentCode);

    /** True when the community code is known; a directory that cannot tell answers true. */
    boolean communityExists(String communityCode);

    /** True when the workstation code is known; a directory that cannot tell answers true. */
    boolean workstationExists(String workstationCode);
}
