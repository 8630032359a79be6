package io.tongxin.opinion.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.SortedSet;

/**
 * Creates members' {@code opinion_member_lock} rows (the rows {@link OpinionRouter} locks) in a short
 * transaction of their own, committed before the routing goes on. Inserted inside the routing's own
 * transaction, a new member's row would be an uncommitted unique key until that transaction ends
 * (with batched inbox processing, several messages later): every other routing inserting the same key
 * would wait for it on the unique index. Committed at once, the wait is at most this insert.
 */
@ApplicationScoped
class MemberLockRows {

    @Inject
    EntityManager em;

    /** Inserts the missing rows in code order (two creators never wait for each other in a cycle). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void create(SortedSet<String> codes) {
        for (String code : codes) {
            em.createNativeQuery("insert into opinion_member_lock (member_code) values (?1) on conflict do nothing")
                    .setParameter(1, code)
                    .executeUpdate();
        }
    }
}
