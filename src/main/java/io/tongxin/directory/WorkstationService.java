package io.tongxin.directory;

import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;

/** Workstations (委员工作站) and their heads. */
@ApplicationScoped
class WorkstationService extends CodedService<Workstation, WorkstationDto> {

    @Inject
    MemberService members;

    WorkstationService() {
        super(Workstation.class, "workstation");
    }

    ListResult<WorkstationDto> list(String q, String headMemberCode, Paging page) {
        return page(
                new Where()
                        .when(headMemberCode, "e.headMemberCode = :head", "head")
                        .contains(q, "e.name", "e.code", "e.district"),
                page);
    }

    /**
     * Seed import, first pass: the workstation without its head (members, who refer to workstations,
     * do not exist yet). An existing head is left as it is until {@link #upsertHead}.
     */
    Outcome upsertWithoutHead(WorkstationDto dto) {
        String head = find(dto.code()).map(w -> w.headMemberCode).orElse(null);
        return upsert(new WorkstationDto(dto.code(), dto.name(), dto.district(), head));
    }

    /** Seed import, second pass: sets the head once members exist. */
    Outcome upsertHead(WorkstationDto dto) {
        Workstation w = require(dto.code());
        if (Objects.equals(w.headMemberCode, Violations.strip(dto.headMemberCode()))) {
            return Outcome.UNCHANGED;
        }
        return upsert(dto);
    }

    @Override
    Workstation newEntity() {
        return new Workstation();
    }

    @Override
    String codeOf(WorkstationDto dto) {
        return dto.code();
    }

    @Override
    void apply(Workstation w, WorkstationDto dto) {
        String head = Violations.strip(dto.headMemberCode());
        Violations v = new Violations();
        if (head != null && !members.exists(head)) {
            v.add("headMemberCode", "no member with code '" + head + "'");
        }
        v.throwIfAny();
        w.name = dto.name().strip();
        w.district = Violations.strip(dto.district());
        w.headMemberCode = head;
    }

    @Override
    WorkstationDto view(Workstation w) {
        return new WorkstationDto(w.code, w.name, w.district, w.headMemberCode);
    }
}
