package io.tongxin.opinion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The instance's record of the member locks its transactions hold ({@link MemberLocks#heldByOthersHere},
 * which routing passes over without a statement): another open transaction's member is reported, the
 * asking transaction's own never, and the record ends with the holder, committed or rolled back, so no
 * member stays "busy" after its lock is gone.
 */
@QuarkusTest
class MemberLocksHereTest {

    @Inject
    MemberLocks locks;

    @Inject
    MemberLockRows rows;

    @Test
    void shouldReportAnotherTransactionsMemberUntilItEndsCommittedOrRolledBack() throws Exception {
        String code = Api.uniq("mlh");
        QuarkusTransaction.requiringNew().run(() -> rows.create(new TreeSet<>(Set.of(code))));
        for (boolean commit : new boolean[] {true, false}) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch end = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        assertTrue(locks.tryLock(code).isPresent());
                        assertEquals(Set.of(), locks.heldByOthersHere(List.of(code)), "its own lock is not another's");
                        held.countDown();
                        await(end);
                        if (!commit) {
                            throw new IllegalStateException("rolled back on purpose");
                        }
                    });
                } catch (IllegalStateException expected) {
                    // the rolled-back round
                }
            });
            assertTrue(held.await(30, TimeUnit.SECONDS));
            assertEquals(
                    Set.of(code),
                    QuarkusTransaction.requiringNew().call(() -> locks.heldByOthersHere(List.of(code))),
                    "held by another transaction of this instance");
            end.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertEquals(
                    Set.of(),
                    QuarkusTransaction.requiringNew().call(() -> locks.heldByOthersHere(List.of(code))),
                    "released when the holder " + (commit ? "committed" : "rolled back"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
