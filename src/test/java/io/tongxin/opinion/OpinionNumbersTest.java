package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The opinion number as written: the year, a dash, the sequence value with at least six digits. */
class OpinionNumbersTest {

    @Test
    void zeroPadsToSixDigitsAndKeepsLongerNumbers() {
        assertEquals("2026-000001", OpinionNumbers.format(2026, 1));
        assertEquals("2026-000123", OpinionNumbers.format(2026, 123));
        assertEquals("2027-999999", OpinionNumbers.format(2027, 999_999));
        assertEquals("2027-1000000", OpinionNumbers.format(2027, 1_000_000));
        assertEquals(String.format(java.util.Locale.ROOT, "%d-%06d", 2026, 4_321L), OpinionNumbers.format(2026, 4_321));
    }
}
