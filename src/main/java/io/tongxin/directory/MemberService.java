package io.tongxin.directory;

import io.tongxin.channel.ChannelService;
import io.tongxin.security.TokenService;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Committee members (政协委员), the communities they serve and their chat identities. */
@ApplicationScoped
class MemberService extends CodedService<Member, MemberDto> {

    @Inject
    SectorService sectors;

    @Inject
    WorkstationService workstations;

    @Inject
    CommunityService communities;

    @Inject
    ChannelService channels;

    @Inject
    TokenService tokens;

    MemberService() {
        super(Member.class, "member");
    }

    /** Deletes the member and, in the same transaction, revokes every token minted for it. */
    @Override
    void delete(String code) {
        long id = require(code).id;
        super.delete(code);
        tokens.revokeMemberTokens(id);
    }

    /** Filters for the member list; every one is optional. */
    record Filter(
            String q,
            String level,
            String sectorCode,
            String workstationCode,
            String communityCode,
            String channelKey,
            String userId) {}

    ListResult<MemberDto> list(Filter f, Paging page) {
        if (f.level() != null && !f.level().isBlank() && !f.level().matches("city|county")) {
            throw ProblemException.invalidField("level", "must be city or county");
        }
        Where where = new Where()
                .when(f.level(), "e.level = :level", "level")
                .when(f.sectorCode(), "e.sectorCode = :sector", "sector")
                .when(f.workstationCode(), "e.workstationCode = :ws", "ws")
                .when(f.communityCode(), ":community member of e.communityCodes", "community")
                .when(
                        f.channelKey(),
                        "exists (select 1 from Member m join m.identities i"
                                + " where m = e and i.channelKey = :channel)",
                        "channel")
                .when(
                        f.userId(),
                        "exists (select 1 from Member m join m.identities i" + " where m = e and i.userId = :user)",
                        "user")
                .contains(f.q(), "e.name", "e.code");
        return page(where, page);
    }

    /** The member owning a platform identity, if any. */
    java.util.Optional<Member> byIdentity(String channelKey, String userId) {
        return em
                .createQuery(
                        "select m from Member m join m.identities i"
                                + " where i.channelKey = :channel and i.userId = :user",
                        Member.class)
                .setParameter("channel", channelKey)
                .setParameter("user", userId)
                .getResultList() // a list, not a stream: no scrollable result left open until the transaction ends
                .stream()
                .findFirst();
    }

    @Override
    Member newEntity() {
        return new Member();
    }

    @Override
    String codeOf(MemberDto dto) {
        return dto.code();
    }

    @Override
    void apply(Member m, MemberDto dto) {
        Violations v = new Violations();
        String sector = dto.sectorCode().strip();
        if (!sectors.exists(sector)) {
            v.add("sectorCode", "no sector with code '" + sector + "'");
        }
        String workstation = Violations.strip(dto.workstationCode());
        if (workstation != null && !workstations.exists(workstation)) {
            v.add("workstationCode", "no workstation with code '" + workstation + "'");
        }
        Set<String> served = new HashSet<>();
        List<String> given = dto.communityCodes() == null ? List.of() : dto.communityCodes();
        for (int i = 0; i < given.size(); i++) {
            String c = given.get(i).strip();
            if (!communities.exists(c)) {
                v.add("communityCodes[" + i + "]", "no community with code '" + c + "'");
            }
            served.add(c);
        }
        if (dto.onLeaveUntil() != null
                && (dto.onLeaveUntil().getYear() < 1 || dto.onLeaveUntil().getYear() > 9999)) {
            // the database's dates end (issue 17: onLeaveUntil as epoch day 2357459881 was a 500)
            v.add("onLeaveUntil", "must be from 0001-01-01 to 9999-12-31");
        }
        Set<Member.Identity> identities = new LinkedHashSet<>();
        List<MemberDto.Identity> ids = dto.identities() == null ? List.of() : dto.identities();
        for (int i = 0; i < ids.size(); i++) {
            var id = new Member.Identity(
                    ids.get(i).channelKey().strip(), ids.get(i).userId().strip());
            if (channels.find(id.channelKey).isEmpty()) {
                v.add("identities[" + i + "].channelKey", "no channel with key '" + id.channelKey + "'");
            }
            identities.add(id);
        }
        v.throwIfAny();
        for (Member.Identity id : identities) {
            byIdentity(id.channelKey, id.userId)
                    .filter(other -> !other.code.equals(m.code))
                    .ifPresent(other -> {
                        throw ProblemException.conflict("the identity " + id.userId + " on channel '" + id.channelKey
                                + "' already belongs to member '" + other.code + "'");
                    });
        }
        m.name = dto.name().strip();
        m.level = dto.level();
        m.sectorCode = sector;
        m.workstationCode = workstation;
        m.capacity = dto.capacity() == null ? MemberDto.DEFAULT_CAPACITY : dto.capacity();
        m.onLeaveUntil = dto.onLeaveUntil();
        // Touch the collections only when they differ, so an unchanged member keeps its version.
        if (!m.communityCodes.equals(served)) {
            m.communityCodes.clear();
            m.communityCodes.addAll(served);
        }
        if (!m.identities.equals(identities)) {
            m.identities.clear();
            m.identities.addAll(identities);
        }
    }

    @Override
    MemberDto view(Member m) {
        return new MemberDto(
                m.code,
                m.name,
                m.level,
                m.sectorCode,
                m.workstationCode,
                m.communityCodes.stream().sorted().toList(),
                m.capacity,
                m.onLeaveUntil,
                m.identities.stream()
                        .map(i -> new MemberDto.Identity(i.channelKey, i.userId))
                        .sorted(Comparator.comparing(MemberDto.Identity::channelKey)
                                .thenComparing(MemberDto.Identity::userId))
                        .toList());
    }
}
