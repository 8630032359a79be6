package io.tongxin.opinion.routing;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Used only while no directory adapter is deployed: knows no members, so every opinion goes to the
 * organizer queue. The directory feature's adapter replaces it.
 */
@DefaultBean
@ApplicationScoped
public class EmptyRoutingDirectory implements RoutingDirectory {

    @Override
    public List<MemberRecord> members() {
        return List.of();
    }

    @Override
    public Optional<MemberRecord> member(String code) {
        return Optional.empty();
    }

    @Override
    public List<String> pairedMemberCodes(String residentCode) {
        return List.of();
    }

    @Override
    public Optional<String> workstationHeadCode(String workstationCode) {
        return Optional.empty();
    }

    @Override
    public Optional<String> workstationOfCommunity(String communityCode) {
        return Optional.empty();
    }

    @Override
    public Optional<ResidentRecord> resident(String residentCode) {
        return Optional.empty();
    }

    @Override
    public boolean communityExists(String communityCode) {
        return true;
    }

    @Override
    public boolean workstationExists(String workstationCode) {
        return true;
    }
}
