package io.tongxin.dialogue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only bot actions for the test scripts in {@code src/test/bot-scripts}: {@code test-record}
 * writes a row to the real table {@code bot_test_record} (also in a dry run, so the playground's
 * rollback is what keeps it out), {@code test-gate} is a check step that can hold a message until the
 * test lets it go (to have two messages of one sender in flight at once).
 */
public final class TestActions {

    private TestActions() {}

    /** Items whose gate is held: the test releases them; {@link #ENTERED} counts down when one arrives. */
    static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();

    static final Map<String, CountDownLatch> ENTERED = new ConcurrentHashMap<>();

    /** Calls of test-record, dry runs included. */
    static final AtomicInteger RECORD_CALLS = new AtomicInteger();

    /** Makes the gate hold {@code item} until {@link #release}; returns a latch that opens once it holds it. */
    static CountDownLatch hold(String item) {
        HELD.put(item, new CountDownLatch(1));
        CountDownLatch entered = new CountDownLatch(1);
        ENTERED.put(item, entered);
        return entered;
    }

    static void release(String item) {
        CountDownLatch l = HELD.remove(item);
        if (l != null) {
            l.countDown();
        }
    }

    /** The table test-record writes to; created for the tests only, so no migration carries it. */
    @ApplicationScoped
    static class Table {
        @Inject
        EntityManager em;

        void create(@Observes StartupEvent e) {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("create table if not exists bot_test_record (id bigint generated"
                                    + " by default as identity primary key, inbox_id bigint, channel_key varchar(64),"
                                    + " user_id varchar(128), what varchar(4000), size varchar(16), note varchar(4000),"
                                    + " dry_run boolean not null)")
                            .executeUpdate());
        }
    }

    @ApplicationScoped
    static class Record implements DialogueAction {
        @Inject
        EntityManager em;

        @Override
        public String name() {
            return "test-record";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("what", "size", "note");
        }

        @Override
        public Set<String> required() {
            return Set.of("what");
        }

        @Override
        public Map<String, Map<String, Object>> outcomes() {
            return Map.of("recorded", Map.of("ref", 7, "what", "拿铁"));
        }

        @Override
        public Outcome run(ActionContext ctx, Map<String, String> args) {
            RECORD_CALLS.incrementAndGet();
            Number id = (Number) em.createNativeQuery("insert into bot_test_record (inbox_id, channel_key, user_id,"
                            + " what, size, note, dry_run) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) returning id")
                    .setParameter(1, ctx.message().inboxId())
                    .setParameter(2, ctx.message().channelKey())
                    .setParameter(3, ctx.message().senderId())
                    .setParameter(4, args.get("what"))
                    .setParameter(5, args.get("size"))
                    .setParameter(6, args.get("note"))
                    .setParameter(7, ctx.dryRun())
                    .getSingleResult();
            Map<String, Object> details = new LinkedHashMap<>(args);
            ctx.effect("test-record", details);
            return Outcome.of("recorded", Map.of("ref", id.longValue(), "what", args.get("what")));
        }
    }

    @ApplicationScoped
    static class Gate implements DialogueAction {
        @Override
        public String name() {
            return "test-gate";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("item");
        }

        @Override
        public Map<String, Map<String, Object>> outcomes() {
            return Map.of("open", Map.of(), "sold-out", Map.of());
        }

        @Override
        public Outcome run(ActionContext ctx, Map<String, String> args) throws InterruptedException {
            String item = args.getOrDefault("item", "");
            CountDownLatch held = HELD.get(item);
            if (held != null) {
                ENTERED.get(item).countDown();
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate for " + item + " was never released");
                }
            }
            return item.contains("售罄") ? Outcome.of("sold-out") : Outcome.of("open");
        }
    }
}
