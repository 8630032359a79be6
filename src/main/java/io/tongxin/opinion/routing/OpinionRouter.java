package io.tongxin.opinion.routing;

import io.tongxin.inbox.ProcessAlone;
import io.tongxin.opinion.routing.RoutingDecision.Candidate;
import io.tongxin.opinion.routing.RoutingDirectory.MemberRecord;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Explainable routing. Rules in order: (1) the reporter's pairing member; (2) members serving the
 * community or workstation whose sector fits the category; (3) members serving the area; (4) members
 * of a fitting sector; (5) the workstation head; (6) the organizer queue. Members on leave or at
 * capacity are skipped (and say so); among the rest the least open load wins, then the least
 * recently assigned, then code order.
 *
 * <p>Race safety without serialising a community's routings: the choice is made on loads read
 * without locks (and on candidate lists from the directory's per-instance cache, whose capacity and
 * leave may be up to {@code tongxin.reference-cache.ttl} old); then only the chosen member's
 * {@code opinion_member_lock} row is locked ({@code FOR UPDATE SKIP LOCKED}) and its open load,
 * capacity and leave read again under that lock, which is held
 * until the caller's transaction commits the assignment. A member's open load is kept in that row
 * ({@link MemberLoads}: changed with every assignment, transfer, resolution… under the same lock), so
 * it is read in one row, not counted from the member's opinions, and under the lock it is exact: no
 * assignment to the member can be in flight, capacity is never exceeded, across instances too. If
 * the load, capacity or leave changed (or the member is gone), the choice is made again; if another
 * routing holds the chosen member's row right now (or, as this instance knows without asking,
 * another of its transactions does), that member is skipped as busy and the next best is tried, so concurrent routings spread over the members instead of
 * waiting for each other. Only when every available member is busy does a routing wait, and then for
 * one of them only (at random, so waiting routings do not queue up on one row): the others stay free
 * for the other routings. Only if that member has no room left once its lock is granted (and every
 * other is still busy) does the routing let that lock go again (a savepoint) and lock all candidates
 * in code order, deciding under those locks. Every wait obeys {@link MemberLocks}' rule: a transaction
 * waits only for a member whose code sorts above every member lock it already holds (a batch of inbox
 * messages holds its earlier messages' members), so no two transactions wait for each other; where
 * the rule forbids a wait the message is processed alone ({@link ProcessAlone}). Members' lock rows are
 * created in a short transaction of their own ({@link MemberLockRows}). Must run inside the caller's
 * transaction.
 */
@ApplicationScoped
public class OpinionRouter {

    /** What to route: where the opinion is from, who reported it, which sectors fit its category. */
    public record Request(
            String residentCode,
            String communityCode,
            String workstationCode,
            String categoryName,
            List<String> sectorCodes,
            String excludeMemberCode) {}

    @Inject
    RoutingDirectory directory;

    @Inject
    MemberLockRows lockRows;

    @Inject
    MemberLocks locks;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The deployment's zone: "on leave until" is a date there. */
    @Inject
    ZoneId zone;

    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision route(Request r) {
        List<RoutingPolicy.Level> levels = new RoutingPolicy(directory).levels(r);
        Set<String> codes = new TreeSet<>();
        levels.forEach(l -> l.members().forEach(m -> codes.add(m.code())));
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Map<String, Instant> lastAssigned = new HashMap<>();
        Map<String, Integer> loads = new HashMap<>();
        createMissingRows(codes, readLockRows(codes, lastAssigned, loads));
        // members this instance's other transactions hold are busy: no statement spent to find it out
        Set<String> busy = new TreeSet<>(locks.heldByOthersHere(codes));
        RoutingDecision d = decide(levels, loads, lastAssigned, today, r.excludeMemberCode(), busy);
        if (d != null) {
            return d;
        }
        // every available member of the deciding level is being assigned by another routing: wait for
        // one of them only (the others go on routing meanwhile), then decide again
        RoutingDecision all = RoutingPolicy.choose(levels, loads, lastAssigned, today, r.excludeMemberCode());
        if (all.assigned()) {
            String code = waitFor(all);
            MemberLocks.Mark mark = locks.mark();
            locks.waitFor(code).orElse(new MemberLocks.Row(null, 0)).into(code, lastAssigned, loads);
            busy.remove(code);
            d = decide(levels, loads, lastAssigned, today, r.excludeMemberCode(), busy);
            if (d != null) {
                return d;
            }
            // no room there after all: let it go (the locks below are taken in code order)
            locks.rollbackTo(mark);
        }
        return routeWaiting(levels, codes, today, r.excludeMemberCode());
    }

    /**
     * Chooses on the figures read so far and confirms the choice under the chosen member's lock
     * ({@code SKIP LOCKED}: a member another routing holds is marked busy and the next best tried).
     * Null when every available member of the deciding level is busy.
     */
    private RoutingDecision decide(
            List<RoutingPolicy.Level> levels,
            Map<String, Integer> loads,
            Map<String, Instant> lastAssigned,
            LocalDate today,
            String exclude,
            Set<String> busy) {
        // each round either accepts, marks one member busy or corrects one member's figures
        for (int round = 0; round <= 2 * candidates(levels) + 1; round++) {
            RoutingDecision d = RoutingPolicy.choose(levels, loads, lastAssigned, today, exclude, busy);
            if (d == null || !d.assigned()) {
                return d;
            }
            String code = d.memberCode();
            // the lock row and the member as it is now, one statement
            Optional<MemberLocks.Taken> locked = locks.tryLockWithMember(code);
            if (locked.isEmpty()) {
                busy.add(code); // another routing is assigning to this member now: try the next best
                continue;
            }
            MemberLocks.Taken taken = locked.get();
            Optional<Now> now = taken.exists()
                    ? Optional.of(new Now(taken.capacity(), toLocalDate(taken.onLeaveUntil())))
                    : Optional.empty();
            Instant last = taken.row().lastAssigned();
            int load = taken.row().openLoad();
            MemberRecord chosen = recordOf(levels, code);
            if (now.isPresent()
                    && load == loads.getOrDefault(code, 0)
                    && Objects.equals(last, lastAssigned.get(code))
                    && now.get().same(chosen)) {
                return d; // MemberLoads marks the assignment (load and last assigned) when the opinion takes it
            }
            // an assignment committed since the figures were read, or the member changed since the
            // candidate lists were cached (capacity, leave, deleted): decide again with the fresh figures
            loads.put(code, load);
            lastAssigned.put(code, last);
            levels = now.isPresent() ? now.get().applyTo(levels, code) : without(levels, code);
        }
        return null;
    }

    /**
     * The chosen member's capacity and leave as they are now, which the candidate lists (per-instance
     * cache, up to {@code tongxin.reference-cache.ttl} old) may show as they were (the open load comes
     * with the lock row, exact under its lock). Empty when the member no longer exists.
     */
    private record Now(Integer capacity, LocalDate onLeaveUntil) {

        boolean same(MemberRecord m) {
            return m != null
                    && Objects.equals(capacity, m.capacity())
                    && Objects.equals(onLeaveUntil, m.onLeaveUntil());
        }

        List<RoutingPolicy.Level> applyTo(List<RoutingPolicy.Level> levels, String code) {
            return replace(
                    levels,
                    code,
                    m -> new MemberRecord(
                            m.code(),
                            m.name(),
                            m.sectorCode(),
                            m.workstationCode(),
                            m.communityCodes(),
                            capacity,
                            onLeaveUntil));
        }
    }

    private static MemberRecord recordOf(List<RoutingPolicy.Level> levels, String code) {
        for (RoutingPolicy.Level l : levels) {
            for (MemberRecord m : l.members()) {
                if (m.code().equals(code)) {
                    return m;
                }
            }
        }
        return null;
    }

    private static List<RoutingPolicy.Level> without(List<RoutingPolicy.Level> levels, String code) {
        return replace(levels, code, m -> null);
    }

    private static List<RoutingPolicy.Level> replace(
            List<RoutingPolicy.Level> levels, String code, java.util.function.UnaryOperator<MemberRecord> change) {
        List<RoutingPolicy.Level> out = new ArrayList<>(levels.size());
        for (RoutingPolicy.Level l : levels) {
            List<MemberRecord> members = new ArrayList<>(l.members().size());
            for (MemberRecord m : l.members()) {
                MemberRecord changed = m.code().equals(code) ? change.apply(m) : m;
                if (changed != null) {
                    members.add(changed);
                }
            }
            out.add(new RoutingPolicy.Level(l.rule(), l.why(), List.copyOf(members)));
        }
        return out;
    }

    /**
     * Every available member of the deciding level is being assigned by another routing: wait for all
     * candidates' locks, in code order (as every waiting router does), and decide under them.
     */
    private RoutingDecision routeWaiting(
            List<RoutingPolicy.Level> levels, Set<String> codes, LocalDate today, String exclude) {
        Map<String, MemberLocks.Row> locked = lock(codes);
        // the candidate lists may be up to the cache's TTL old: capacity and leave as they are now
        List<RoutingPolicy.Level> current = levels;
        Map<String, Now> now = nowAll(codes);
        for (String code : codes) {
            Now n = now.get(code);
            current = n == null ? without(current, code) : n.applyTo(current, code);
        }
        Map<String, Instant> lastAssigned = new HashMap<>();
        Map<String, Integer> loads = new HashMap<>();
        locked.forEach((code, row) -> row.into(code, lastAssigned, loads));
        return RoutingPolicy.choose(current, loads, lastAssigned, today, exclude);
    }

    /**
     * When each member was last assigned and their open load, read without locks (a member without a
     * lock row has none); returns the members that have a lock row.
     */
    @SuppressWarnings("unchecked")
    private Set<String> readLockRows(Set<String> codes, Map<String, Instant> lastAssigned, Map<String, Integer> loads) {
        Set<String> present = new TreeSet<>();
        if (codes.isEmpty()) {
            return present;
        }
        List<Object[]> rows = em.createNativeQuery("select member_code, last_assigned_at, open_load"
                        + " from opinion_member_lock where member_code in (?1)")
                .setParameter(1, new ArrayList<>(codes))
                .getResultList();
        for (Object[] row : rows) {
            String code = (String) row[0];
            present.add(code);
            MemberLocks.Row.of(row[1], row[2]).into(code, lastAssigned, loads);
        }
        return present;
    }

    /**
     * Which busy member to wait for: any available member of the deciding level, at random. Routings
     * that all waited for the best one would queue up on that one row, one after the other.
     */
    private String waitFor(RoutingDecision all) {
        List<String> available = all.candidates().stream()
                .filter(c -> c.kept() && c.rule().equals(all.rule()))
                .map(RoutingDecision.Candidate::memberCode)
                .filter(locks::mayWaitFor)
                .toList();
        if (available.isEmpty() && !locks.mayWaitFor(all.memberCode())) {
            // this transaction holds a member above every one it could wait for: not in this batch
            throw new ProcessAlone("every member " + all.rule() + " is being assigned by another transaction");
        }
        return available.isEmpty()
                ? all.memberCode()
                : available.get(ThreadLocalRandom.current().nextInt(available.size()));
    }

    private static int candidates(List<RoutingPolicy.Level> levels) {
        return levels.stream().mapToInt(l -> l.members().size()).sum();
    }

    /** Creates the lock rows of the members that have none yet, committed on their own ({@link MemberLockRows}). */
    private void createMissingRows(Set<String> codes, Set<String> present) {
        TreeSet<String> missing = new TreeSet<>(codes);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            lockRows.create(missing);
        }
    }

    /**
     * What {@link #route} would decide now, read only: no member row locked, created or touched (the
     * bot playground's dry run describes where an opinion would go).
     */
    @SuppressWarnings("unchecked")
    public RoutingDecision preview(Request r) {
        List<RoutingPolicy.Level> levels = new RoutingPolicy(directory).levels(r);
        Set<String> codes = new TreeSet<>();
        levels.forEach(l -> l.members().forEach(m -> codes.add(m.code())));
        Map<String, Instant> lastAssigned = new HashMap<>();
        Map<String, Integer> loads = new HashMap<>();
        readLockRows(codes, lastAssigned, loads);
        return RoutingPolicy.choose(
                levels, loads, lastAssigned, LocalDate.now(clock.withZone(zone)), r.excludeMemberCode());
    }

    /**
     * Assignment to a named member (organizer assign, member transfer): the member must exist, not be
     * on leave and have room, checked under the same lock as automatic routing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RoutingDecision assignTo(String memberCode, String rule, String why) {
        MemberRecord m = directory
                .member(memberCode)
                .orElseThrow(
                        () -> DomainException.invalidField("memberCode", "no member with code '" + memberCode + "'"));
        MemberLocks.Row row = lock(Set.of(m.code())).get(m.code());
        int load = row == null ? 0 : row.openLoad();
        String skip = RoutingPolicy.skipReason(m, load, LocalDate.now(clock.withZone(zone)), null);
        if (skip != null) {
            throw DomainException.conflict("member " + m.code() + " cannot take it: " + skip);
        }
        var candidate = new Candidate(
                m.code(),
                m.name(),
                rule,
                true,
                "available (" + load + " open" + RoutingPolicy.capacityText(m) + ")",
                load,
                m.capacity());
        return new RoutingDecision(rule, why, List.of(candidate), m.code(), m.name());
    }

    /**
     * Locks the members' rows in code order and returns them (last assignment, open load). Rows for
     * members never routed to before are created first (without holding any lock, so two routers cannot
     * deadlock on them); then one statement locks them all in code order. Usually two statements.
     */
    @SuppressWarnings("unchecked")
    private Map<String, MemberLocks.Row> lock(Set<String> codes) {
        if (codes.isEmpty()) {
            return new HashMap<>();
        }
        createMissingRows(
                codes,
                Set.copyOf(em.createNativeQuery("select member_code from opinion_member_lock where member_code in (?1)")
                        .setParameter(1, new ArrayList<>(codes))
                        .getResultList()));
        return locks.lockAll(codes);
    }

    /** Capacity and leave of the members now (the load comes with the lock rows); members that no longer exist are absent. */
    @SuppressWarnings("unchecked")
    private Map<String, Now> nowAll(Set<String> codes) {
        Map<String, Now> now = new HashMap<>();
        if (codes.isEmpty()) {
            return now;
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select code, capacity, on_leave_until from member where code in (?1)")
                .setParameter(1, new ArrayList<>(codes))
                .getResultList();
        for (Object[] row : rows) {
            now.put(
                    (String) row[0],
                    new Now(row[1] == null ? null : ((Number) row[1]).intValue(), toLocalDate(row[2])));
        }
        return now;
    }

    private static LocalDate toLocalDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
