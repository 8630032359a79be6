package io.tongxin.directory;

import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Pairings (结对) of members with residents or households/units. A resident has at most one pairing. */
@ApplicationScoped
class PairingService extends CodedService<Pairing, PairingDto> {

    @Inject
    MemberService members;

    @Inject
    ResidentService residents;

    PairingService() {
        super(Pairing.class, "pairing");
    }

    /** Filters for the pairing list; every one is optional. */
    record Filter(String q, String memberCode, String residentCode) {}

    ListResult<PairingDto> list(Filter f, Paging page) {
        return page(
                new Where()
                        .when(f.memberCode(), "e.memberCode = :member", "member")
                        .when(f.residentCode(), "e.residentCode = :resident", "resident")
                        .contains(f.q(), "e.household", "e.code"),
                page);
    }

    Optional<Pairing> byResident(String residentCode) {
        return em
                .createQuery("from Pairing where residentCode = :resident", Pairing.class)
                .setParameter("resident", residentCode)
                .getResultList() // a list, not a stream: no scrollable result left open until the transaction ends
                .stream()
                .findFirst();
    }

    @Override
    Pairing newEntity() {
        return new Pairing();
    }

    @Override
    String codeOf(PairingDto dto) {
        return dto.code();
    }

    @Override
    void apply(Pairing p, PairingDto dto) {
        Violations v = new Violations();
        String member = dto.memberCode().strip();
        if (!members.exists(member)) {
            v.add("memberCode", "no member with code '" + member + "'");
        }
        String resident = Violations.strip(dto.residentCode());
        String household = Violations.strip(dto.household());
        if (resident == null && household == null) {
            v.add("residentCode", "a pairing needs exactly one of residentCode or household");
        } else if (resident != null && household != null) {
            v.add("residentCode", "a pairing needs exactly one of residentCode or household");
            v.add("household", "a pairing needs exactly one of residentCode or household");
        } else if (resident != null && !residents.exists(resident)) {
            v.add("residentCode", "no resident with code '" + resident + "'");
        }
        v.throwIfAny();
        if (resident != null) {
            byResident(resident).filter(other -> !other.code.equals(p.code)).ifPresent(other -> {
                throw ProblemException.conflict(
                        "resident '" + resident + "' is already paired (pairing '" + other.code + "')");
            });
        }
        p.memberCode = member;
        p.residentCode = resident;
        p.household = household;
    }

    @Override
    PairingDto view(Pairing p) {
        return new PairingDto(p.code, p.memberCode, p.residentCode, p.household);
    }
}
