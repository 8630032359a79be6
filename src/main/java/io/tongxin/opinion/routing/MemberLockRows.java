package io.tongxin.opinion.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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

    /**
     * Inserts the missing rows, one statement for all of them, in code order (two creators never wait
     * for each other in a cycle).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void create(SortedSet<String> codes) {
        if (codes.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("insert into opinion_member_lock (member_code) values ");
        for (int i = 1; i <= codes.size(); i++) {
            sql.append(i == 1 ? "" : ", ").append("(?").append(i).append(')');
        }
        Query insert =
                em.createNativeQuery(sql.append(" on conflict do nothing").toString());
        int i = 1;
        for (String code : codes) {
            insert.setParameter(i++, code);
        }
        insert.executeUpdate();
    }
}
