package io.tongxin.directory;

import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Communities (社区) with their councils (协商议事会). */
@ApplicationScoped
class CommunityService extends CodedService<Community, CommunityDto> {

    @Inject
    WorkstationService workstations;

    CommunityService() {
        super(Community.class, "community");
    }

    ListResult<CommunityDto> list(String q, String workstationCode, Paging page) {
        return page(
                new Where()
                        .when(workstationCode, "e.workstationCode = :ws", "ws")
                        .contains(q, "e.name", "e.code", "e.councilName"),
                page);
    }

    @Override
    Community newEntity() {
        return new Community();
    }

    @Override
    String codeOf(CommunityDto dto) {
        return dto.code();
    }

    @Override
    void apply(Community c, CommunityDto dto) {
        String workstation = dto.workstationCode().strip();
        Violations v = new Violations();
        if (!workstations.exists(workstation)) {
            v.add("workstationCode", "no workstation with code '" + workstation + "'");
        }
        v.throwIfAny();
        c.name = dto.name().strip();
        c.councilName = dto.councilName().strip();
        c.councilHead = Violations.strip(dto.councilHead());
        c.workstationCode = workstation;
    }

    @Override
    CommunityDto view(Community c) {
        return new CommunityDto(c.code, c.name, c.councilName, c.councilHead, c.workstationCode);
    }
}
