package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the poller splits a claim into transactions: each sender's messages together and in order. */
class InboxBatchGroupsTest {

    private static InboxWork.Claim claim(List<Long> ids, List<String> senders) {
        return new InboxWork.Claim(ids, senders, "t");
    }

    @Test
    void shouldKeepEachSendersMessagesTogetherInTheOrderTheyArrived() {
        // 9 was retried and claimed after 12 (next_attempt_at order): it still goes first
        var c = claim(List.of(12L, 9L, 10L, 11L, 13L, 14L), List.of("a", "a", "b", "c", "b", "d"));
        assertEquals(List.of(List.of(9L, 12L), List.of(10L, 13L), List.of(11L, 14L)), InboxBatches.groups(c, 2, 3));
    }

    @Test
    void shouldSpreadASmallClaimOverTheWorkersAndCapLargeOnes() {
        var c = claim(List.of(1L, 2L, 3L, 4L), List.of("a", "b", "c", "d"));
        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L), List.of(4L)), InboxBatches.groups(c, 10, 4));
        var big = claim(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.of("a", "b", "c", "d", "e", "f"));
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L)), InboxBatches.groups(big, 3, 1));
    }

    @Test
    void shouldGiveEveryMessageItsOwnTransactionWhenConfiguredSo() {
        var c = claim(List.of(5L, 6L), List.of("a", "a"));
        assertEquals(List.of(List.of(5L), List.of(6L)), InboxBatches.groups(c, 1, 4));
    }
}
