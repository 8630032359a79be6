package io.tongxin.directory;

import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import jakarta.enterprise.context.ApplicationScoped;

/** Sectors (界别). */
@ApplicationScoped
class SectorService extends CodedService<Sector, SectorDto> {

    SectorService() {
        super(Sector.class, "sector");
    }

    ListResult<SectorDto> list(String q, Paging page) {
        return page(new Where().contains(q, "e.name", "e.code"), page);
    }

    @Override
    Sector newEntity() {
        return new Sector();
    }

    @Override
    String codeOf(SectorDto dto) {
        return dto.code();
    }

    @Override
    void apply(Sector s, SectorDto dto) {
        s.name = dto.name().strip();
        s.description = Violations.strip(dto.description());
    }

    @Override
    SectorDto view(Sector s) {
        return new SectorDto(s.code, s.name, s.description);
    }
}
