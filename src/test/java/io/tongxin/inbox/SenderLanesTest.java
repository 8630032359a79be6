package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory lanes that keep one sender's ordered (bot) messages one at a time on an instance:
 * who runs now, who waits and who runs next, in the order the messages arrived.
 */
class SenderLanesTest {

    private static SenderLanes.Waiting entry(long id) {
        return new SenderLanes.Waiting(id, () -> {}, () -> {});
    }

    @Test
    void shouldRunASendersOrderedMessagesOneAfterTheOtherInArrivalOrder() {
        SenderLanes lanes = new SenderLanes();
        assertTrue(lanes.enter("a", entry(1)), "nothing of a runs: it runs now");
        assertTrue(lanes.enter("b", entry(2)), "another sender is not held up");
        // a's next two arrive while 1 runs (3 was accepted before 4, and entered after it)
        assertFalse(lanes.enter("a", entry(4)));
        assertFalse(lanes.enter("a", entry(3)));
        assertEquals(2, lanes.waiting());
        assertEquals(3, lanes.next("a").id(), "the worker that finished 1 runs 3, then 4");
        assertEquals(4, lanes.next("a").id());
        assertNull(lanes.next("a"));
        assertNull(lanes.next("b"));
        assertEquals(0, lanes.waiting());
        assertEquals(0, lanes.open());
    }

    @Test
    void shouldQueueAPollerMessageBehindARunningOrderedOneAndAnOrderedOneBehindThePoller() {
        SenderLanes lanes = new SenderLanes();
        assertTrue(lanes.enter("a", entry(1)));
        // the poller claimed a's 2 and b's 3: 2 waits behind 1, b is held by the poller's transaction
        assertEquals(List.of(false, true), lanes.admit(List.of("a", "b"), List.of(entry(2), entry(3))));
        assertFalse(lanes.enter("b", entry(5)), "b's next waits for the poller's transaction");
        assertEquals(2, lanes.next("a").id());
        assertNull(lanes.next("a"));
        assertEquals(5, lanes.release("b").id(), "the poller's worker runs b's next right after");
        assertNull(lanes.next("b"));
        assertEquals(0, lanes.open());
    }

    @Test
    void shouldQueueAPollerClaimBehindAnotherPollerTransactionHoldingTheSameSender() {
        SenderLanes lanes = new SenderLanes();
        // the poller's claims are a pipeline: a's 2, claimed while a transaction holding a's 1 runs,
        // waits for it (run right after by that transaction's thread) instead of running beside it
        assertEquals(
                List.of(true, true, true),
                lanes.admit(List.of("a", "b", "a"), List.of(entry(1), entry(4), entry(5))),
                "one transaction's messages of a sender stay together");
        assertNull(lanes.release("a"), "a is held twice by that transaction");
        assertEquals(List.of(false), lanes.admit(List.of("a"), List.of(entry(2))));
        assertFalse(lanes.enter("a", entry(3)));
        assertEquals(2, lanes.waiting());
        assertEquals(2, lanes.release("a").id(), "the holding transaction's thread runs a's next");
        assertEquals(3, lanes.next("a").id());
        assertNull(lanes.next("a"));
        assertNull(lanes.release("b"));
        assertEquals(0, lanes.open());
    }

    @Test
    void shouldSendASendersNextMessageThroughThePollerUntilTheirPendingOneIsClaimed() {
        SenderLanes lanes = new SenderLanes();
        lanes.storedPending("a", 7);
        assertTrue(lanes.pendingHere("a"));
        assertFalse(lanes.pendingHere("b"));
        lanes.admit(List.of("a"), List.of(entry(6)));
        assertTrue(lanes.pendingHere("a"), "an earlier one claimed: 7 is still pending");
        assertEquals(List.of(false), lanes.admit(List.of("a"), List.of(entry(7))), "7 waits for 6's transaction");
        assertFalse(lanes.pendingHere("a"), "7 claimed: a's next may be claimed on arrival");
        assertEquals(7, lanes.release("a").id());
        assertNull(lanes.next("a"));
        assertEquals(0, lanes.open());
    }
}
