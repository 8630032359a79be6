package io.tongxin.directory;

import io.tongxin.shared.KnownAbsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory's read API for other features (routing, dialogue, events, outbox): they call this
 * and never query the directory's tables. Answers are small public records, never entities. Every
 * method joins the caller's transaction (or opens one).
 */
@ApplicationScoped
@Transactional
public class Directory {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MemberService members;

    @Inject
    GroupService groups;

    @Inject
    ResidentService residents;

    @Inject
    PairingService pairings;

    @Inject
    SectorService sectors;

    @Inject
    WorkstationService workstations;

    @Inject
    CommunityService communities;

    @Inject
    ResidentRegistrar registrar;

    @Inject
    DirectoryCache cache;

    @Inject
    KnownAbsent absent;

    public Optional<MemberInfo> findMember(String code) {
        return code == null
                ? Optional.empty()
                : memberQuery("m.code = :code", code, FlushModeType.AUTO).stream()
                        .findFirst();
    }

    public boolean memberExists(String code) {
        return members.exists(code);
    }

    /** The member who has this user id on this channel (e.g. the sender of a chat message). */
    public Optional<MemberInfo> memberByIdentity(String channelKey, String userId) {
        if (absent.absent(MEMBER_IDENTITY, identity(channelKey, userId))) {
            return Optional.empty(); // this transaction's batch read found none ({@link #prepareIdentities})
        }
        return members.byIdentity(channelKey, userId).map(MemberInfo::of);
    }

    /** {@link KnownAbsent} kinds: identities (channel, user id) with no member, with no resident. */
    static final String MEMBER_IDENTITY = "directory.member-identity";

    static final String RESIDENT_IDENTITY = "directory.resident-identity";

    /** {@link KnownAbsent} kind: resident codes with no pairing. */
    static final String PAIRING_OF_RESIDENT = "directory.pairing-of-resident";

    /** A platform identity as the kinds above key it. */
    private static String identity(String channelKey, String userId) {
        return channelKey + "\u0000" + userId;
    }

    /**
     * For a batch of messages handled in one transaction (the inbox poller's): which of these senders
     * (channel, user id pairs, flattened: channel, user, channel, user, ...) have no member and no
     * resident identity, read by two statements for all of them, so that {@link #memberByIdentity} and
     * {@link #findOrCreateResident} answer those without one each ({@link KnownAbsent}).
     */
    public void prepareIdentities(Collection<String[]> senders) {
        List<String[]> known =
                senders.stream().filter(i -> i[0] != null && i[1] != null).toList();
        if (known.isEmpty()) {
            return;
        }
        List<String> channels = known.stream().map(i -> i[0]).distinct().toList();
        List<String> users = known.stream().map(i -> i[1]).distinct().toList();
        List<String> asked =
                known.stream().map(i -> identity(i[0], i[1])).distinct().toList();
        absent.record(
                MEMBER_IDENTITY,
                asked,
                found(
                        "select i.channelKey, i.userId from Member m join m.identities i"
                                + " where i.channelKey in :channels and i.userId in :users",
                        channels,
                        users));
        absent.record(
                RESIDENT_IDENTITY,
                asked,
                found(
                        "select r.channelKey, r.userId from Resident r where r.channelKey in :channels"
                                + " and r.userId in :users",
                        channels,
                        users));
    }

    /** The identities (channel, user id) a query of {@code :channels} and {@code :users} answers. */
    private java.util.Set<String> found(String query, List<String> channels, List<String> users) {
        java.util.Set<String> found = new java.util.HashSet<>();
        for (Object[] r : em.createQuery(query, Object[].class)
                .setParameter("channels", channels)
                .setParameter("users", users)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList()) {
            found.add(identity((String) r[0], (String) r[1]));
        }
        return found;
    }

    /** Members who list the community among the communities they serve, by code. */
    public List<MemberInfo> membersServingCommunity(String communityCode) {
        return memberQuery(":code member of m.communityCodes", communityCode, FlushModeType.COMMIT);
    }

    /** Members who belong to the workstation, by code. */
    public List<MemberInfo> membersOfWorkstation(String workstationCode) {
        return memberQuery("m.workstationCode = :code", workstationCode, FlushModeType.COMMIT);
    }

    /** Members of the sector, by code. */
    public List<MemberInfo> membersOfSector(String sectorCode) {
        return memberQuery("m.sectorCode = :code", sectorCode, FlushModeType.COMMIT);
    }

    /** The head (站长) of the workstation, if it has one (the member cached as {@link #findMemberRecent}). */
    public Optional<MemberInfo> workstationHead(String workstationCode) {
        return findWorkstation(workstationCode)
                .map(WorkstationInfo::headMemberCode)
                .flatMap(this::findMemberRecent);
    }

    /*
     * The "recent" reads: as their namesakes, but per instance cached for tongxin.reference-cache.ttl
     * (emptied by this instance's directory writes; another instance's show within the TTL). For the
     * report path, which reads a community's and a sector's members for every report: routing re-reads
     * what must be exact (capacity, leave, open load) under the chosen member's lock (OpinionRouter).
     */

    /** {@link #findMember}, cached for the TTL (routing candidates, notices to members). */
    public Optional<MemberInfo> findMemberRecent(String code) {
        return code == null
                ? Optional.empty()
                : cache.members.get(
                        code,
                        c -> memberQuery("m.code = :code", c, FlushModeType.COMMIT).stream()
                                .findFirst());
    }

    /** {@link #membersServingCommunity}, cached for the TTL (each member also by code, for {@link #findMemberRecent}). */
    public List<MemberInfo> membersServingCommunityRecent(String communityCode) {
        return cache.membersServingCommunity
                .get(communityCode, c -> byCodeToo(() -> membersServingCommunity(c)))
                .orElseThrow();
    }

    /** {@link #membersOfWorkstation}, cached for the TTL (each member also by code). */
    public List<MemberInfo> membersOfWorkstationRecent(String workstationCode) {
        return cache.membersOfWorkstation
                .get(workstationCode, w -> byCodeToo(() -> membersOfWorkstation(w)))
                .orElseThrow();
    }

    /** {@link #membersOfSector}, cached for the TTL (each member also by code). */
    public List<MemberInfo> membersOfSectorRecent(String sectorCode) {
        return cache.membersOfSector
                .get(sectorCode, s -> byCodeToo(() -> membersOfSector(s)))
                .orElseThrow();
    }

    /** Reads a list of members and caches each by code too: the assignee's notice then reads none. */
    private Optional<List<MemberInfo>> byCodeToo(java.util.function.Supplier<List<MemberInfo>> read) {
        long since = cache.members.generation();
        List<MemberInfo> list = read.get();
        list.forEach(m -> cache.members.put(m.code(), m, since));
        return Optional.of(list);
    }

    public Optional<SectorInfo> findSector(String code) {
        return sectors.find(code).map(SectorInfo::of);
    }

    /** A workstation by code (per instance, cached for {@code tongxin.reference-cache.ttl}). */
    public Optional<WorkstationInfo> findWorkstation(String code) {
        return code == null
                ? Optional.empty()
                : cache.workstations.get(code, c -> workstations.find(c).map(WorkstationInfo::of));
    }

    /** A community by code (per instance, cached for {@code tongxin.reference-cache.ttl}). */
    public Optional<CommunityInfo> findCommunity(String code) {
        return code == null
                ? Optional.empty()
                : cache.communities.get(code, c -> communities.find(c).map(CommunityInfo::of));
    }

    /**
     * Display names of communities by code, in one query (for notices built for many opinions at
     * once); codes with no community are left out.
     */
    public Map<String, String> communityNames(Collection<String> codes) {
        return cache.communityNames.getAll(wanted(codes), missing -> names("Community", missing));
    }

    /** Display names of workstations by code, in one query; codes with no workstation are left out. */
    public Map<String, String> workstationNames(Collection<String> codes) {
        return cache.workstationNames.getAll(wanted(codes), missing -> names("Workstation", missing));
    }

    private static List<String> wanted(Collection<String> codes) {
        return codes.stream().filter(Objects::nonNull).distinct().toList();
    }

    private Map<String, String> names(String entity, List<String> wanted) {
        Map<String, String> names = new HashMap<>();
        if (wanted.isEmpty()) {
            return names;
        }
        em.createQuery("select e.code, e.name from " + entity + " e where e.code in :codes", Object[].class)
                .setParameter("codes", wanted)
                .setFlushMode(FlushModeType.COMMIT) // codes and names are not written on the report path
                .getResultList()
                .forEach(row -> names.put((String) row[0], (String) row[1]));
        return names;
    }

    /** Every community, by code (what a resident chooses from when the chat does not say). */
    public List<CommunityInfo> communities() {
        return em.createQuery("from Community order by code", Community.class)
                .getResultStream()
                .map(CommunityInfo::of)
                .toList();
    }

    /**
     * Every community, by code, per instance for {@code tongxin.reference-cache.ttl} (the guided
     * dialogue's community choices, offered on every report that does not name its community); a
     * community added or renamed through this instance shows at once, through another within the TTL.
     * No communities at all is not cached.
     */
    public List<CommunityInfo> communitiesRecent() {
        return cache.allCommunities
                .get(Boolean.TRUE, all -> {
                    List<CommunityInfo> found = communities();
                    return found.isEmpty() ? Optional.empty() : Optional.of(found);
                })
                .orElse(List.of());
    }

    /** Communities of a workstation, by code. */
    public List<CommunityInfo> communitiesOfWorkstation(String workstationCode) {
        return em.createQuery("from Community where workstationCode = :code order by code", Community.class)
                .setParameter("code", workstationCode)
                .getResultStream()
                .map(CommunityInfo::of)
                .toList();
    }

    public Optional<GroupInfo> findGroup(String code) {
        return groups.find(code).map(GroupInfo::of);
    }

    /** The group a chat message came from, by its channel and the platform's chat id (cached, see below). */
    public Optional<GroupInfo> findGroupByChat(String channelKey, String chatId) {
        // read for every group message, often twice: per instance, cached for tongxin.reference-cache.ttl
        return cache.groupsByChat.get(
                new DirectoryCache.Chat(channelKey, chatId),
                c -> groups.byChat(c.channelKey(), c.chatId()).map(GroupInfo::of));
    }

    /**
     * Groups bound to any of the given communities, workstations or sectors (an event's audience),
     * each once, ordered by code. Empty or null collections select nothing.
     */
    public List<GroupInfo> groupsBoundTo(
            Collection<String> communityCodes, Collection<String> workstationCodes, Collection<String> sectorCodes) {
        List<String> c = nonEmpty(communityCodes);
        List<String> w = nonEmpty(workstationCodes);
        List<String> s = nonEmpty(sectorCodes);
        return em.createQuery(
                        "from ChatGroup where communityCode in :c or workstationCode in :w"
                                + " or sectorCode in :s order by code",
                        ChatGroup.class)
                .setParameter("c", c)
                .setParameter("w", w)
                .setParameter("s", s)
                .getResultStream()
                .map(GroupInfo::of)
                .toList();
    }

    /** A resident by code; one this transaction found or created by identity is not read again. */
    public Optional<ResidentInfo> findResident(String code) {
        ResidentInfo known = cache.residentInTransaction(code);
        return known != null ? Optional.of(known) : residents.find(code).map(ResidentInfo::of);
    }

    public Optional<ResidentInfo> findResidentByIdentity(String channelKey, String userId) {
        return residents.byIdentity(channelKey, userId).map(ResidentInfo::of);
    }

    /**
     * The resident with this identity, created (with a generated code) if there is none yet. A
     * non-blank {@code displayName} different from the stored one replaces it. Safe under races
     * between requests and instances without a failed statement: the creation is an
     * {@code INSERT ... ON CONFLICT DO NOTHING} committed on its own, and a loser of the race reads the
     * winner's row.
     */
    public ResidentInfo findOrCreateResident(String channelKey, String userId, String displayName) {
        Objects.requireNonNull(channelKey, "channelKey");
        Objects.requireNonNull(userId, "userId");
        String identity = identity(channelKey, userId);
        // none, by this transaction's batch read ({@link #prepareIdentities}): straight to the insert
        Optional<Resident> found = absent.absent(RESIDENT_IDENTITY, identity)
                ? Optional.empty()
                : residents.byIdentity(channelKey, userId);
        absent.written(RESIDENT_IDENTITY, identity); // from here on this transaction reads it
        for (int attempt = 0; found.isEmpty() && attempt < 2; attempt++) {
            // insert-or-get: a concurrent creator's row is read, never a failed transaction; a second
            // attempt only covers the (astronomically unlikely) clash of two generated codes
            ResidentInfo created = registrar.register(channelKey, userId, displayName);
            if (created != null) {
                // just committed as given (the name stored is this one): nothing to read back or update;
                // a resident this new has no pairing yet (one made since is written through the directory,
                // which forgets this: DirectoryCache.changed)
                absent.record(PAIRING_OF_RESIDENT, List.of(created.code()), List.of());
                return cache.rememberInTransaction(created);
            }
            found = residents.byIdentity(channelKey, userId);
        }
        Resident r = found.orElseThrow(() -> new IllegalStateException("resident was not created"));
        String name = Violations.strip(displayName);
        if (name != null && !name.equals(r.displayName)) {
            r.displayName = name.length() > 100 ? name.substring(0, 100) : name;
            r.updatedAt = clock.instant();
        }
        return cache.rememberInTransaction(ResidentInfo.of(r));
    }

    /**
     * Records the phone number a resident gave the bot (with their consent, for the member who takes
     * their concern): digits only, replacing the stored one. Personal data: never logged.
     */
    public ResidentInfo recordResidentPhone(String residentCode, String phone) {
        Resident r = residents.find(residentCode).orElseThrow(() -> new IllegalArgumentException("no resident"));
        String digits = phone.replaceAll("[\\s\\-]", "");
        if (!digits.equals(r.phone)) {
            r.phone = digits;
            r.updatedAt = clock.instant();
        }
        return cache.rememberInTransaction(ResidentInfo.of(r));
    }

    /** The member a resident is paired with (结对), if any (the member cached as {@link #findMemberRecent}). */
    public Optional<MemberInfo> pairingMemberForResident(String residentCode) {
        if (absent.absent(PAIRING_OF_RESIDENT, residentCode)) {
            return Optional.empty(); // registered by this transaction ({@link #findOrCreateResident})
        }
        return pairings.byResident(residentCode).map(p -> p.memberCode).flatMap(this::findMemberRecent);
    }

    /**
     * Members matching a condition on {@code m}, read as plain values (three queries whatever the
     * number of members), not as managed entities: routing reads whole sectors and areas inside busy
     * transactions, and entities would be dirty-checked at every later flush of that transaction.
     */
    /**
     * {@code flush} COMMIT for the routing candidates (read for every report; members are not written
     * in a report's transaction, so flushing its pending writes first would only cost a dirty check of
     * the whole session: issue 16 profile); AUTO where an admin change in the same transaction must show.
     */
    private List<MemberInfo> memberQuery(String condition, String code, FlushModeType flush) {
        List<Object[]> rows = em.createQuery(
                        "select m.id, m.code, m.name, m.level, m.sectorCode, m.workstationCode,"
                                + " m.capacity, m.onLeaveUntil from Member m where " + condition + " order by m.code",
                        Object[].class)
                .setParameter("code", code)
                .setFlushMode(flush)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        // the same condition again rather than "m.id in :ids": a fixed query text keeps Hibernate's plan cache hit
        Map<Long, List<String>> communities = new HashMap<>();
        for (Object[] c : em.createQuery(
                        "select m.id, cc from Member m join m.communityCodes cc where " + condition, Object[].class)
                .setParameter("code", code)
                .setFlushMode(flush)
                .getResultList()) {
            communities.computeIfAbsent((Long) c[0], k -> new ArrayList<>()).add((String) c[1]);
        }
        Map<Long, List<MemberInfo.Identity>> identities = new HashMap<>();
        for (Object[] i : em.createQuery(
                        "select m.id, mi.channelKey, mi.userId from Member m join m.identities mi" + " where "
                                + condition,
                        Object[].class)
                .setParameter("code", code)
                .setFlushMode(flush)
                .getResultList()) {
            identities
                    .computeIfAbsent((Long) i[0], k -> new ArrayList<>())
                    .add(new MemberInfo.Identity((String) i[1], (String) i[2]));
        }
        List<MemberInfo> members = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Long id = (Long) r[0];
            members.add(new MemberInfo(
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    communities.getOrDefault(id, List.of()).stream().sorted().toList(),
                    (Integer) r[6],
                    (LocalDate) r[7],
                    identities.getOrDefault(id, List.of()).stream()
                            .sorted(Comparator.comparing(MemberInfo.Identity::channelKey)
                                    .thenComparing(MemberInfo.Identity::userId))
                            .toList()));
        }
        return members;
    }

    private static List<String> nonEmpty(Collection<String> codes) {
        // "in ()" is not valid SQL everywhere: the empty string, never a code, stands for "none".
        return codes == null || codes.isEmpty() ? List.of("") : List.copyOf(codes);
    }
}
