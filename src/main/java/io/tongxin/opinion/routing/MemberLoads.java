package io.tongxin.opinion.routing;

import io.tongxin.inbox.ProcessAlone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Each member's open load: how many of the opinions assigned to them are assigned, acknowledged or in
 * progress, kept in their {@code opinion_member_lock} row ({@code open_load}). Routing reads it with
 * the row it reads or locks anyway instead of counting the candidates' opinions: that count grew with
 * every open opinion of the candidates and was most of the database's time per routed report under
 * load (issue 16, BENCHMARKS.md).
 *
 * <p>Exact by construction: every change of an opinion's open assignee is moved here ({@link #moved})
 * in the transaction that makes it, under the member's row lock (taken by {@link MemberLocks}' rule,
 * so no two transactions wait for each other), and {@code Opinion} refuses to be written when its open
 * assignee changed without it. So at every committed point, and under a member's lock, the row says
 * what counting would; a check constraint refuses a negative load.
 */
@ApplicationScoped
public class MemberLoads {

    @Inject
    EntityManager em;

    @Inject
    MemberLocks locks;

    @Inject
    MemberLockRows rows;

    @Inject
    Clock clock;

    /**
     * An opinion's open assignee changed from {@code from} to {@code to} (null: none, e.g. a new
     * opinion or one resolved): one off the first member's load, one onto the second's, who is thereby
     * assigned it now (their last assignment, routing's tie-break, in the same statement). A member's row
     * this transaction does not hold yet is locked first, both in code order; where the rule forbids a
     * wait and the row is busy, {@link ProcessAlone}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(String from, String to) {
        if (Objects.equals(from, to)) {
            return;
        }
        hold(from, to);
        if (from != null) {
            add(from, -1);
        }
        if (to != null) {
            add(to, 1);
        }
    }

    /**
     * Locks the existing rows of these members (nulls ignored) that this transaction does not hold yet,
     * in code order under {@link MemberLocks}' rule: before a change that may move load between them
     * and lock other members in between (a transfer locks the member handing over first).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(String... codes) {
        TreeSet<String> wanted = new TreeSet<>();
        for (String code : codes) {
            if (code != null && !locks.held().contains(code)) {
                wanted.add(code);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> present = em.createNativeQuery(
                        "select member_code from opinion_member_lock where member_code in (?1)")
                .setParameter(1, new ArrayList<>(wanted))
                .getResultList();
        locks.lockAll(present);
    }

    private void add(String code, int delta) {
        if (!locks.held().contains(code) && locks.lock(code).isEmpty()) {
            if (delta < 0) {
                throw new IllegalStateException("member " + code + " has no open load to take an opinion off");
            }
            rows.create(new TreeSet<>(List.of(code))); // never routed to before: its row, load 0
            locks.lock(code).orElseThrow(() -> new IllegalStateException("member " + code + " has no lock row"));
        }
        if (delta > 0) {
            em.createNativeQuery("update opinion_member_lock set open_load = open_load + ?1, last_assigned_at = ?2"
                            + " where member_code = ?3")
                    .setParameter(1, delta)
                    .setParameter(2, clock.instant())
                    .setParameter(3, code)
                    .executeUpdate();
        } else {
            em.createNativeQuery("update opinion_member_lock set open_load = open_load + ?1 where member_code = ?2")
                    .setParameter(1, delta)
                    .setParameter(2, code)
                    .executeUpdate();
        }
    }
}
