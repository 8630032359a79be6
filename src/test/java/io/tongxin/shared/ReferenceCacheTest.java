package io.tongxin.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-instance reference cache: reused within the TTL, never an absent answer, emptied by a change. */
class ReferenceCacheTest {

    final AtomicLong now = new AtomicLong(1_000);
    final AtomicInteger loads = new AtomicInteger();
    final Map<String, String> database = new HashMap<>(Map.of("g1", "community A"));

    Optional<String> load(String key) {
        loads.incrementAndGet();
        return Optional.ofNullable(database.get(key));
    }

    @Test
    void shouldReuseAnEntryWithinTheTtlAndReadAgainAfterIt() {
        var cache = new ReferenceCache<String, String>(Duration.ofSeconds(2), 100, now::get);
        assertEquals(Optional.of("community A"), cache.get("g1", this::load));
        database.put("g1", "community B"); // changed on another instance
        now.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertEquals(Optional.of("community A"), cache.get("g1", this::load), "stale within the bound");
        assertEquals(1, loads.get());
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(Optional.of("community B"), cache.get("g1", this::load), "read again after the TTL");
        assertEquals(2, loads.get());
    }

    @Test
    void shouldNeverCacheAnAbsentAnswer() {
        var cache = new ReferenceCache<String, String>(Duration.ofSeconds(2), 100, now::get);
        assertEquals(Optional.empty(), cache.get("g2", this::load));
        database.put("g2", "bound a moment ago");
        assertEquals(Optional.of("bound a moment ago"), cache.get("g2", this::load));
    }

    @Test
    void shouldForgetEverythingOnAChangeAndNotStoreAReadThatBeganBeforeIt() {
        var cache = new ReferenceCache<String, String>(Duration.ofSeconds(2), 100, now::get);
        cache.get("g1", this::load);
        database.put("g1", "community B");
        cache.invalidateAll();
        assertEquals(Optional.of("community B"), cache.get("g1", this::load));
        // a read that saw the old row while the change was being made is answered but not kept
        database.put("g1", "community C");
        cache.invalidateAll();
        assertEquals(Optional.of("old row"), cache.get("g1", k -> {
            cache.invalidateAll(); // the change lands while this read is in flight
            return Optional.of("old row");
        }));
        assertEquals(Optional.of("community C"), cache.get("g1", this::load));
    }

    @Test
    void shouldLoadOnlyTheMissingKeysOfABulkReadInOneCall() {
        var cache = new ReferenceCache<String, String>(Duration.ofSeconds(2), 100, now::get);
        database.put("g2", "community 2");
        AtomicInteger calls = new AtomicInteger();
        var loader = (java.util.function.Function<List<String>, Map<String, String>>) keys -> {
            calls.incrementAndGet();
            Map<String, String> found = new HashMap<>();
            keys.forEach(k -> Optional.ofNullable(database.get(k)).ifPresent(v -> found.put(k, v)));
            return found;
        };
        assertEquals(Map.of("g1", "community A"), cache.getAll(List.of("g1", "nope"), loader));
        assertEquals(Map.of("g1", "community A", "g2", "community 2"), cache.getAll(List.of("g1", "g2"), loader));
        assertEquals(Map.of("g1", "community A", "g2", "community 2"), cache.getAll(List.of("g1", "g2"), loader));
        assertEquals(2, calls.get(), "the third read is served from the cache");
    }

    @Test
    void shouldKeepAValueReadElsewhereUnlessAChangeCameSinceTheReadBegan() {
        var cache = new ReferenceCache<String, String>(Duration.ofSeconds(2), 100, now::get);
        long since = cache.generation();
        cache.put("g1", "community A", since); // e.g. one member of a list just read
        assertEquals(Optional.of("community A"), cache.get("g1", this::load));
        assertEquals(0, loads.get(), "served from what was put");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(Optional.of("community A"), cache.get("g1", this::load));
        assertEquals(1, loads.get(), "read again after the TTL");

        long before = cache.generation();
        cache.invalidateAll(); // a change lands while the list is being read
        cache.put("g3", "old row", before);
        database.put("g3", "new row");
        assertEquals(Optional.of("new row"), cache.get("g3", this::load));
    }

    @Test
    void shouldReadThroughWithAZeroTtl() {
        var cache = new ReferenceCache<String, String>(Duration.ZERO, 100, now::get);
        cache.get("g1", this::load);
        cache.get("g1", this::load);
        assertEquals(2, loads.get());
    }
}
