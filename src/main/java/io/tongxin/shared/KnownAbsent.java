package io.tongxin.shared;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rows the current transaction read once, for a batch of inbox messages, and found missing: one
 * query per kind of lookup for the batch instead of one per message (issue 16). A lookup that finds
 * its key here answers "none" without a statement; anything this transaction writes for a key makes
 * it {@link #written}, so a later message of the batch reads it again. Kept as a transaction resource
 * (nothing outlives the transaction, nothing is shared with another). Only negative answers are kept:
 * a row found is read again by the lookup that needs it, with whatever lock it takes.
 *
 * <p>Reading "none" earlier in the same transaction than the lookup would have is the same answer
 * under READ COMMITTED as long as nothing else creates the row in between; where another
 * transaction may (a concurrent creator of the same key), the caller's own insert-or-get already
 * copes with the row appearing, as it must for the query's answer too.
 */
@Singleton // no client proxy: a read on every processed message
public class KnownAbsent {

    /** The transaction resource: keys known missing, by kind. */
    private static final Object ABSENT = new Object();

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Whether a transaction is active here (else nothing is recorded or answered). */
    private boolean active() {
        return transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    /**
     * Records what a batch read found missing: every key of {@code asked} that is not in {@code found},
     * for this transaction.
     */
    public <K> void record(String kind, Collection<K> asked, Collection<K> found) {
        if (!active() || asked.isEmpty()) {
            return;
        }
        Set<Object> missing = kind(kind, true);
        for (K k : asked) {
            if (!found.contains(k)) {
                missing.add(k);
            }
        }
    }

    /** Whether this transaction's batch read found no row for {@code key} (and nothing wrote one since). */
    public boolean absent(String kind, Object key) {
        if (!active()) {
            return false;
        }
        Set<Object> missing = kind(kind, false);
        return missing != null && missing.contains(key);
    }

    /** This transaction wrote (or may have written) a row for {@code key}: it is read again. */
    public void written(String kind, Object key) {
        if (active()) {
            Set<Object> missing = kind(kind, false);
            if (missing != null) {
                missing.remove(key);
            }
        }
    }

    /** This transaction changed rows of {@code kind} in bulk: every key of it is read again. */
    public void forget(String kind) {
        if (active()) {
            Set<Object> missing = kind(kind, false);
            if (missing != null) {
                missing.clear();
            }
        }
    }

    private Set<Object> kind(String kind, boolean create) {
        @SuppressWarnings("unchecked")
        Map<String, Set<Object>> all = (Map<String, Set<Object>>) transactions.getResource(ABSENT);
        if (all == null) {
            if (!create) {
                return null;
            }
            all = new HashMap<>();
            transactions.putResource(ABSENT, all);
        }
        return create ? all.computeIfAbsent(kind, k -> new HashSet<>()) : all.get(kind);
    }
}
