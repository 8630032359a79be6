package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.inbox.RetryLater;
import io.tongxin.opinion.routing.OpinionRouter;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Batch transactions (the inbox processes up to 10 messages in one) hold the member locks of their
 * earlier routings while they route the next message. Two such transactions, each holding one member
 * and then routing to the member the other holds, must not deadlock (PostgreSQL would abort one after
 * deadlock_timeout: a rollback and a stall). Real transactions against PostgreSQL, through the router.
 */
@QuarkusTest
class RoutingDeadlockTest {

    @Inject
    Fixture fixture;

    @Inject
    OpinionRouter router;

    @Test
    void shouldNotDeadlockWhenTwoBatchesRouteToTheMemberTheOtherHolds() throws Exception {
        var lowWorld = fixture.world();
        var highWorld = fixture.world();
        String stem = Api.uniq("m-dl");
        String low = stem + "-a";
        String high = stem + "-b"; // sorts above low
        fixture.member(lowWorld, low, lowWorld.sector, lowWorld.workstation, Set.of(), 5, null);
        fixture.member(highWorld, high, highWorld.sector, highWorld.workstation, Set.of(), 5, null);
        var toLow = new OpinionRouter.Request(
                null, lowWorld.community, lowWorld.workstation, lowWorld.categoryName, List.of(lowWorld.sector), null);
        var toHigh = new OpinionRouter.Request(
                null,
                highWorld.community,
                highWorld.workstation,
                highWorld.categoryName,
                List.of(highWorld.sector),
                null);
        CyclicBarrier bothHold = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> lowFirst = pool.submit(() -> batch(toLow, bothHold, toHigh));
            Future<Outcome> highFirst = pool.submit(() -> batch(toHigh, bothHold, toLow));
            Outcome lowOutcome = lowFirst.get(30, TimeUnit.SECONDS);
            Outcome highOutcome = highFirst.get(30, TimeUnit.SECONDS);
            assertNull(deadlock(lowOutcome.failure()), "deadlock: " + lowOutcome);
            assertNull(deadlock(highOutcome.failure()), "deadlock: " + highOutcome);
            // the one holding the lower code may wait for the higher one and gets both; the other does
            // not wait for a code below the one it holds: it asks for its message to run on its own
            assertEquals(low + "," + high, lowOutcome.value(), "the batch holding the lower code: " + lowOutcome);
            assertInstanceOf(RetryLater.class, highOutcome.failure(), "the batch holding the higher code");
            assertTrue(
                    highOutcome.millis() < 900,
                    "told at once, not after deadlock_timeout: " + highOutcome.millis() + " ms");
            // alone (holding nothing) it may wait for any member: the opinion still goes to the low one
            assertEquals(
                    low,
                    QuarkusTransaction.requiringNew()
                            .call(() -> router.route(toLow).memberCode()));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One batch transaction: routes {@code first}, waits until the other batch holds its member, then
     * routes {@code then}; what came of it and how long the second routing took.
     */
    private Outcome batch(OpinionRouter.Request first, CyclicBarrier bothHold, OpinionRouter.Request then) {
        long[] start = {System.nanoTime()};
        try {
            String value = QuarkusTransaction.requiringNew().call(() -> {
                String one = router.route(first).memberCode();
                bothHold.await(20, TimeUnit.SECONDS);
                start[0] = System.nanoTime();
                return one + "," + router.route(then).memberCode();
            });
            return new Outcome(value, null, (System.nanoTime() - start[0]) / 1_000_000);
        } catch (RuntimeException e) {
            Throwable failure = e;
            for (Throwable x = e; x != null; x = x.getCause()) {
                if (x instanceof RetryLater) {
                    failure = x; // QuarkusTransaction may wrap it
                }
            }
            return new Outcome(null, failure, (System.nanoTime() - start[0]) / 1_000_000);
        }
    }

    private record Outcome(String value, Throwable failure, long millis) {}

    /** The "deadlock detected" error (SQLSTATE 40P01) in the chain, if any. */
    private static Throwable deadlock(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof java.sql.SQLException s && "40P01".equals(s.getSQLState())) {
                return x;
            }
        }
        return null;
    }
}
