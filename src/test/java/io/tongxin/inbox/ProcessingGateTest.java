package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 16, goal 1: processing yields to accepting by count and by measured acceptance time, and never stops. */
class ProcessingGateTest {

    @Test
    void shouldLetAtMostTheSmallerNumberProcessWhileWebhooksAreAccepted() {
        ProcessingGate gate = new ProcessingGate(4, 2);
        long started = gate.acceptStarted();
        assertTrue(gate.accepting());
        assertEquals(2, gate.limit());
        assertTrue(gate.tryEnter());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter(), "a third waits while a webhook is being accepted");
        assertEquals(2, gate.processing());
        gate.exit();
        assertTrue(gate.tryEnter(), "a turn given back is taken again");
        assertFalse(gate.tryEnter());
        gate.acceptEnded(started);
    }

    @Test
    void shouldLetEveryWorkerProcessWhenNoWebhookWasAcceptedRecently() {
        ProcessingGate gate = new ProcessingGate(4, 2);
        assertFalse(gate.accepting(), "no webhook yet");
        for (int i = 0; i < 4; i++) {
            assertTrue(gate.tryEnter());
        }
        assertFalse(gate.tryEnter(), "never more than the worker threads");
        assertEquals(4, gate.processing());
    }

    @Test
    void shouldAlwaysLetOneProcessEvenWhenConfiguredToZero() {
        ProcessingGate gate = new ProcessingGate(4, 0);
        long started = gate.acceptStarted();
        assertEquals(1, gate.limit());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter());
        gate.exit();
        gate.acceptEnded(started);
    }

    @Test
    void shouldNotYieldWhenTheLimitIsTheWorkerCount() {
        ProcessingGate gate = new ProcessingGate(4, 4);
        long started = gate.acceptStarted();
        for (int i = 0; i < 4; i++) {
            assertTrue(gate.tryEnter());
        }
        gate.acceptEnded(started);
    }

    @Test
    void shouldWaitForSlowAcceptanceToRecoverButNoLongerThanTheLongestYield() {
        ProcessingGate gate = new ProcessingGate(4, 2, MILLIS, 60 * MILLIS);
        acceptTaking(gate, 20 * MILLIS); // one webhook took 20 ms: over the 1 ms target
        long busy = gate.acceptStarted(); // and another one is being accepted now
        assertTrue(gate.slow(), "acceptance is slow: " + gate.acceptMillis() + " ms");
        long before = System.nanoTime();
        gate.enter();
        long waited = System.nanoTime() - before;
        assertTrue(waited >= 60 * MILLIS, "a turn waits for slow acceptance, here " + waited / MILLIS + " ms");
        assertTrue(waited < 2_000 * MILLIS, "but not for ever: " + waited / MILLIS + " ms");
        assertEquals(1, gate.processing(), "it is processed anyway once the longest yield is over");
        assertEquals(1, gate.yielded());
        gate.exit();
        gate.acceptEnded(busy);
    }

    @Test
    void shouldStopYieldingAsSoonAsAcceptanceIsFastAgain() throws Exception {
        ProcessingGate gate = new ProcessingGate(4, 2, 5 * MILLIS, 10_000 * MILLIS);
        acceptTaking(gate, 50 * MILLIS);
        long busy = gate.acceptStarted();
        assertTrue(gate.slow());
        Thread fast = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                acceptTaking(gate, 0); // the next webhooks are fast: the average falls under the target
            }
        });
        long before = System.nanoTime();
        fast.start();
        gate.enter();
        long waited = System.nanoTime() - before;
        fast.join();
        assertFalse(gate.slow(), "average " + gate.acceptMillis() + " ms");
        assertTrue(waited < 5_000 * MILLIS, "the turn went on when acceptance recovered: " + waited / MILLIS + " ms");
        gate.exit();
        gate.acceptEnded(busy);
    }

    @Test
    void shouldNotYieldByLatencyOnceAcceptingIsQuiet() throws Exception {
        ProcessingGate gate = new ProcessingGate(4, 2, MILLIS, 10_000 * MILLIS);
        acceptTaking(gate, 30 * MILLIS);
        Thread.sleep(2 * ProcessingGate.QUIET_NANOS / MILLIS);
        assertFalse(gate.accepting());
        assertFalse(gate.slow(), "a slow average counts only while webhooks are arriving");
        long before = System.nanoTime();
        gate.enter();
        assertTrue(System.nanoTime() - before < 1_000 * MILLIS);
        assertEquals(0, gate.yielded());
        gate.exit();
    }

    @Test
    void shouldNeverYieldByLatencyWithoutATarget() {
        ProcessingGate gate = new ProcessingGate(4, 2);
        acceptTaking(gate, 30 * MILLIS);
        long busy = gate.acceptStarted();
        assertFalse(gate.slow());
        gate.enter();
        assertEquals(0, gate.yielded());
        gate.exit();
        gate.acceptEnded(busy);
    }

    private static final long MILLIS = 1_000_000L;

    /** One webhook accepted in about {@code nanos}. */
    private static void acceptTaking(ProcessingGate gate, long nanos) {
        long started = gate.acceptStarted();
        for (long left = nanos; left > 0; left = started + nanos - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
        gate.acceptEnded(started);
    }
}
