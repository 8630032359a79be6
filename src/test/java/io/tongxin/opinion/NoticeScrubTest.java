package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Notices to groups and assignees mask the numbers residents write, in the spellings they use. */
class NoticeScrubTest {

    @Test
    void shouldMaskSpacedDashedAndPrefixedMobileNumbersInNotices() {
        assertEquals(
                "2026-000014：联系 139****5678、139****5678、138****5678",
                OutboxOpinionNotices.scrub("2026-000014：联系 139 1234 5678、139-1234-5678、+8613812345678"));
    }
}
