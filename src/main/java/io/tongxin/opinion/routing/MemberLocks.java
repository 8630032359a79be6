package io.tongxin.opinion.routing;

import io.tongxin.inbox.ProcessAlone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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

    /** The member codes whose lock rows this transaction holds (sorted; live view). */
    @SuppressWarnings("unchecked")
    TreeSet<String> held() {
        TreeSet<String> held = (TreeSet<String>) transactions.getResource(HELD);
        if (held == null) {
            held = new TreeSet<>();
            transactions.putResource(HELD, held);
        }
        return held;
    }

    /** Whether this transaction may wait for the member's lock: it holds no member code above it. */
    boolean mayWaitFor(String code) {
        TreeSet<String> held = held();
        return held.isEmpty() || held.contains(code) || code.compareTo(held.last()) > 0;
    }

    /** Locks the member's row unless another transaction holds it; empty when busy, else its last assignment. */
    @SuppressWarnings("unchecked")
    Optional<Optional<Instant>> tryLock(String code) {
        List<Object> rows = em.createNativeQuery("select last_assigned_at from opinion_member_lock"
                        + " where member_code = ?1 for update skip locked")
                .setParameter(1, code)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        held().add(code);
        return Optional.of(Optional.ofNullable(OpinionRouter.toInstant(rows.get(0))));
    }

    /** Waits for one member's lock (allowed by {@link #mayWaitFor}); answers its last assignment time. */
    @SuppressWarnings("unchecked")
    Instant waitFor(String code) {
        if (!mayWaitFor(code)) {
            throw against(code);
        }
        List<Object> rows = em.createNativeQuery(
                        "select last_assigned_at from opinion_member_lock where member_code = ?1 for update")
                .setParameter(1, code)
                .getResultList();
        held().add(code);
        return rows.isEmpty() ? null : OpinionRouter.toInstant(rows.get(0));
    }

    /**
     * Locks all the members' rows, in code order, and answers when each was last assigned: waiting for
     * those the rule allows, taking the others only if free at once ({@link ProcessAlone} if one is not).
     */
    @SuppressWarnings("unchecked")
    Map<String, Instant> lockAll(Collection<String> codes) {
        Map<String, Instant> last = new HashMap<>();
        if (codes.isEmpty()) {
            return last;
        }
        List<String> atOnce = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String code : new TreeSet<>(codes)) {
            (mayWaitFor(code) ? waiting : atOnce).add(code);
        }
        if (!atOnce.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select member_code, last_assigned_at from opinion_member_lock"
                            + " where member_code in (?1) order by member_code for update skip locked")
                    .setParameter(1, atOnce)
                    .getResultList();
            rows.forEach(row -> last.put((String) row[0], OpinionRouter.toInstant(row[1])));
            held().addAll(last.keySet());
            if (rows.size() < atOnce.size()) { // the rows exist (the caller created them): busy
                throw against(atOnce.stream()
                        .filter(c -> !last.containsKey(c))
                        .findFirst()
                        .orElseThrow());
            }
        }
        if (!waiting.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select member_code, last_assigned_at from opinion_member_lock "
                            + "where member_code in (?1) order by member_code for update")
                    .setParameter(1, waiting)
                    .getResultList();
            rows.forEach(row -> last.put((String) row[0], OpinionRouter.toInstant(row[1])));
            held().addAll(waiting);
        }
        return last;
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
        return new Mark(new TreeSet<>(held()));
    }

    /** Goes back to the mark: the member locks taken since are released. */
    void rollbackTo(Mark mark) {
        em.createNativeQuery("rollback to savepoint opinion_route_wait").executeUpdate();
        TreeSet<String> held = held();
        held.clear();
        held.addAll(mark.held());
    }

    record Mark(TreeSet<String> held) {}
}
