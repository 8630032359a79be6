package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 16, goal 1: processing yields to accepting by count, and never stops. */
class ProcessingGateTest {

    @Test
    void shouldLetAtMostTheSmallerNumberProcessWhileWebhooksAreAccepted() {
        ProcessingGate gate = new ProcessingGate(4, 2);
        gate.acceptStarted();
        assertTrue(gate.accepting());
        assertEquals(2, gate.limit());
        assertTrue(gate.tryEnter());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter(), "a third waits while a webhook is being accepted");
        assertEquals(2, gate.processing());
        gate.exit();
        assertTrue(gate.tryEnter(), "a turn given back is taken again");
        assertFalse(gate.tryEnter());
        gate.acceptEnded();
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
        gate.acceptStarted();
        assertEquals(1, gate.limit());
        assertTrue(gate.tryEnter());
        assertFalse(gate.tryEnter());
        gate.exit();
        gate.acceptEnded();
    }

    @Test
    void shouldNotYieldWhenTheLimitIsTheWorkerCount() {
        ProcessingGate gate = new ProcessingGate(4, 4);
        gate.acceptStarted();
        for (int i = 0; i < 4; i++) {
            assertTrue(gate.tryEnter());
        }
        gate.acceptEnded();
    }
}
