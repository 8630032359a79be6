package io.tongxin.shared;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A per-instance read cache for reference data read on every processed message (a channel, a chat's
 * group, a community): an entry found is reused for at most {@code ttl}, then read again. Nothing in
 * it is state another instance needs: the database stays the truth, and a change made on another
 * instance shows here within the TTL (the staleness bound). A change made through this instance
 * calls {@link #invalidateAll} when it writes and again after its transaction ends, so this
 * instance never serves the old value after the change committed. Absent answers are not cached
 * (a group bound a moment ago is found at once). A TTL of zero reads through every time.
 *
 * <p>Time is {@link System#nanoTime}, not the application clock: this is no domain rule, and a test
 * clock moved by hours must not keep entries alive.
 *
 * @param <K> the key
 * @param <V> the value (immutable: it is shared between threads)
 */
public final class ReferenceCache<K, V> {

    private record Entry<V>(V value, long until) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    /** Bumped by every invalidation: a read that began before it is not stored. */
    private final AtomicLong generation = new AtomicLong();

    public ReferenceCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    ReferenceCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.isNegative() ? 0 : ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The cached value, or what {@code load} answers now (stored when present). */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        if (ttlNanos == 0) {
            return load.apply(key);
        }
        long now = nanoTime.getAsLong();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.until() < 0) {
            return Optional.of(e.value());
        }
        long seen = generation.get();
        Optional<V> value = load.apply(key);
        if (value.isEmpty()) {
            entries.remove(key);
        } else if (seen == generation.get()) {
            if (entries.size() >= maxEntries) {
                entries.clear(); // bounded: reference data is small; this only guards against growth
            }
            entries.put(key, new Entry<>(value.get(), now + ttlNanos));
        }
        return value;
    }

    /**
     * The values of {@code keys}: the cached ones, and the others from one call of {@code loadMissing}
     * (keys it does not answer are absent from the result and not cached).
     */
    public Map<K, V> getAll(Collection<K> keys, Function<List<K>, Map<K, V>> loadMissing) {
        if (ttlNanos == 0) {
            return keys.isEmpty() ? new HashMap<>() : new HashMap<>(loadMissing.apply(List.copyOf(keys)));
        }
        long now = nanoTime.getAsLong();
        Map<K, V> found = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            Entry<V> e = entries.get(key);
            if (e != null && now - e.until() < 0) {
                found.put(key, e.value());
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long seen = generation.get();
        Map<K, V> loaded = loadMissing.apply(missing);
        found.putAll(loaded);
        if (seen == generation.get()) {
            if (entries.size() + loaded.size() > maxEntries) {
                entries.clear();
            }
            loaded.forEach((k, v) -> entries.put(k, new Entry<>(v, now + ttlNanos)));
        }
        return found;
    }

    /** The invalidation count now: pass it to {@link #put} for a value read after this call. */
    public long generation() {
        return generation.get();
    }

    /**
     * Stores a value read elsewhere (one member of a list just read, say) unless an invalidation came
     * since {@code since} ({@link #generation} taken before the read).
     */
    public void put(K key, V value, long since) {
        if (ttlNanos == 0 || value == null || since != generation.get()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, nanoTime.getAsLong() + ttlNanos));
    }

    /** Forgets every entry (a change to the data behind them). */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /**
     * Forgets every entry now and again when the current transaction ends, so a read between the
     * write and the commit (which still sees the old row) is not kept either. Outside a transaction,
     * only now.
     */
    public void invalidateAll(TransactionSynchronizationRegistry transactions) {
        invalidateAll();
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    invalidateAll();
                }
            });
        }
    }
}
