package io.tongxin.opinion.routing;

import io.tongxin.inbox.ProcessAlone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members' {@code opinion_member_lock} row locks of the current transaction, under one rule that
 * cannot deadlock: a transaction <em>waits</em> only for a member whose code sorts above every member
 * lock it already holds; any other lock it takes only if it is free right now ({@code SKIP LOCKED} /
 * {@code NOWAIT}). A cycle of waits would need some transaction to wait for a code below one it
 * holds. A batch transaction (several inbox messages) holds the locks of its earlier messages' members:
 * when one of its routings would have to wait against the rule, {@link ProcessAlone} asks for that
 * message to be processed in a transaction of its own (which holds nothing, so it may wait for any).
 * The codes held are kept per transaction (JTA's synchronization registry); row locks end with it.
 */
@ApplicationScoped
class MemberLocks {

    private static final Object HELD = new Object();

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * How many transactions of this instance hold each member's lock row now: a hint that spares a
     * routing the {@code SKIP LOCKED} statement it would spend to find such a member busy (under load
     * most candidates are held by this instance's other batches). Only a hint: other instances' locks
     * are found by the statement, and a member freed a moment ago is merely passed over once.
     */
    private final ConcurrentHashMap<String, Integer> heldHere = new ConcurrentHashMap<>();

    /** The member codes whose lock rows this transaction holds (sorted; read only: {@link #took}). */
    SortedSet<String> held() {
        return Collections.unmodifiableSortedSet(mine());
    }

    @SuppressWarnings("unchecked")
    private TreeSet<String> mine() {
        TreeSet<String> held = (TreeSet<String>) transactions.getResource(HELD);
        if (held == null) {
            TreeSet<String> created = new TreeSet<>();
            transactions.putResource(HELD, created);
            // row locks end with the transaction: so does this instance's record of them
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    created.forEach(MemberLocks.this::released);
                    created.clear();
                }
            });
            held = created;
        }
        return held;
    }

    /** This transaction now holds these members' rows. */
    private void took(Collection<String> codes) {
        TreeSet<String> mine = mine();
        for (String code : codes) {
            if (mine.add(code)) {
                heldHere.merge(code, 1, Integer::sum);
            }
        }
    }

    private void released(String code) {
        heldHere.computeIfPresent(code, (c, n) -> n <= 1 ? null : n - 1);
    }

    /** Of these members, those whose rows other transactions of this instance hold now (see {@link #heldHere}). */
    Set<String> heldByOthersHere(Collection<String> codes) {
        TreeSet<String> mine = mine();
        Set<String> busy = new TreeSet<>();
        for (String code : codes) {
            if (heldHere.containsKey(code) && !mine.contains(code)) {
                busy.add(code);
            }
        }
        return busy;
    }

    /** Whether this transaction may wait for the member's lock: it holds no member code above it. */
    boolean mayWaitFor(String code) {
        TreeSet<String> held = mine();
        return held.isEmpty() || held.contains(code) || code.compareTo(held.last()) > 0;
    }

    /**
     * A member's lock row as read: when they were last assigned and their open load (the opinions
     * assigned, acknowledged or in progress that are theirs, kept by {@link MemberLoads}). Read under
     * the row's lock, it is exact: every change of it is made under that lock.
     */
    record Row(Instant lastAssigned, int openLoad) {

        static Row of(Object lastAssigned, Object openLoad) {
            return new Row(
                    OpinionRouter.toInstant(lastAssigned), openLoad == null ? 0 : ((Number) openLoad).intValue());
        }

        /** Puts this row's figures for the member into routing's two maps. */
        void into(String code, Map<String, Instant> lastAssigned, Map<String, Integer> loads) {
            lastAssigned.put(code, this.lastAssigned);
            loads.put(code, openLoad);
        }
    }

    /** Locks the member's row unless another transaction holds it; empty when busy (or missing). */
    @SuppressWarnings("unchecked")
    Optional<Row> tryLock(String code) {
        List<Object[]> rows = em.createNativeQuery("select last_assigned_at, open_load from opinion_member_lock"
                        + " where member_code = ?1 for update skip locked")
                .setParameter(1, code)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        took(List.of(code));
        return Optional.of(Row.of(rows.get(0)[0], rows.get(0)[1]));
    }

    /**
     * {@link #tryLock} with the member's own row as it is now, read by the same statement: whether the
     * member still exists ({@code capacity} and {@code onLeaveUntil} are null when not).
     */
    record Taken(Row row, boolean exists, Integer capacity, Object onLeaveUntil) {}

    /** {@link #tryLock}, and the member's capacity and leave now (one statement: routing reads both). */
    @SuppressWarnings("unchecked")
    Optional<Taken> tryLockWithMember(String code) {
        List<Object[]> rows = em.createNativeQuery("select l.last_assigned_at, l.open_load,"
                        + " (select m.capacity from member m where m.code = l.member_code),"
                        + " (select m.on_leave_until from member m where m.code = l.member_code),"
                        + " (select count(*) from member m where m.code = l.member_code)"
                        + " from opinion_member_lock l where l.member_code = ?1 for update skip locked")
                .setParameter(1, code)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        took(List.of(code));
        Object[] r = rows.get(0);
        return Optional.of(new Taken(
                Row.of(r[0], r[1]),
                ((Number) r[4]).intValue() > 0,
                r[2] == null ? null : ((Number) r[2]).intValue(),
                r[3]));
    }

    /** Waits for one member's lock (allowed by {@link #mayWaitFor}); empty when the member has no lock row. */
    @SuppressWarnings("unchecked")
    Optional<Row> waitFor(String code) {
        if (!mayWaitFor(code)) {
            throw against(code);
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select last_assigned_at, open_load from opinion_member_lock where member_code = ?1 for update")
                .setParameter(1, code)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        took(List.of(code));
        return Optional.of(Row.of(rows.get(0)[0], rows.get(0)[1]));
    }

    /**
     * Locks the member's row under the rule: waiting when {@link #mayWaitFor} allows it, else only if
     * it is free at once ({@link ProcessAlone} when another transaction holds it). Empty when the member
     * has no lock row.
     */
    Optional<Row> lock(String code) {
        if (mayWaitFor(code)) {
            return waitFor(code);
        }
        Optional<Row> row = tryLock(code);
        if (row.isEmpty() && exists(code)) {
            throw against(code);
        }
        return row;
    }

    private boolean exists(String code) {
        return !em.createNativeQuery("select 1 from opinion_member_lock where member_code = ?1")
                .setParameter(1, code)
                .getResultList()
                .isEmpty();
    }

    /**
     * Locks all the members' rows, in code order: waiting for those the rule allows, taking the
     * others only if free at once ({@link ProcessAlone} if one is not). The rows must exist.
     */
    @SuppressWarnings("unchecked")
    Map<String, Row> lockAll(Collection<String> codes) {
        Map<String, Row> locked = new HashMap<>();
        if (codes.isEmpty()) {
            return locked;
        }
        List<String> atOnce = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String code : new TreeSet<>(codes)) {
            (mayWaitFor(code) ? waiting : atOnce).add(code);
        }
        if (!atOnce.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select member_code, last_assigned_at, open_load"
                            + " from opinion_member_lock where member_code in (?1) order by member_code"
                            + " for update skip locked")
                    .setParameter(1, atOnce)
                    .getResultList();
            rows.forEach(row -> locked.put((String) row[0], Row.of(row[1], row[2])));
            took(locked.keySet());
            if (rows.size() < atOnce.size()) { // the rows exist (the caller created them): busy
                throw against(atOnce.stream()
                        .filter(c -> !locked.containsKey(c))
                        .findFirst()
                        .orElseThrow());
            }
        }
        if (!waiting.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select member_code, last_assigned_at, open_load"
                            + " from opinion_member_lock where member_code in (?1) order by member_code for update")
                    .setParameter(1, waiting)
                    .getResultList();
            rows.forEach(row -> locked.put((String) row[0], Row.of(row[1], row[2])));
            took(waiting);
        }
        return locked;
    }

    private ProcessAlone against(String code) {
        return new ProcessAlone("member " + code + " is being assigned by another transaction and this one holds "
                + held().last() + " (waiting for a lower code could deadlock)");
    }

    /**
     * Marks the point a routing may go back to ({@link #rollbackTo}), releasing the member locks taken
     * after it (SQL savepoints: the pool refuses JDBC rollbacks on a connection enlisted in JTA). The
     * session is flushed first, so going back undoes only this class's lock statements. A mark kept is
     * simply never rolled back to (its savepoint ends with the transaction).
     */
    Mark mark() {
        em.flush();
        em.createNativeQuery("savepoint opinion_route_wait").executeUpdate();
        return new Mark(new TreeSet<>(mine()));
    }

    /** Goes back to the mark: the member locks taken since are released. */
    void rollbackTo(Mark mark) {
        em.createNativeQuery("rollback to savepoint opinion_route_wait").executeUpdate();
        TreeSet<String> held = mine();
        for (String code : held) {
            if (!mark.held().contains(code)) {
                released(code);
            }
        }
        held.retainAll(mark.held());
    }

    record Mark(TreeSet<String> held) {}
}
