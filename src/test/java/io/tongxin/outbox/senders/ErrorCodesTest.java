package io.tongxin.outbox.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxin.outbox.senders.SendResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a WeChat / WeCom {@code errcode} decides a message's fate: retry, pause, or dead letter. */
class ErrorCodesTest {

    @ParameterizedTest
    @ValueSource(ints = {45009, 45033, 45047, 45011})
    void shouldPauseWithoutCountingAFailureWhenThePlatformThrottles(int errcode) {
        assertEquals(Outcome.THROTTLED, ErrorCodes.classify(errcode, "busy").outcome());
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                93000, 93004, 40003, 40008, 40013, 40056, 40058, 40091, 40125, 40164, 41001, 44004, 45002, 45015, 48001,
                48002, 60020, 81013, 82001, 86008
            })
    void shouldDeadLetterErrorsNoRetryFixes(int errcode) {
        assertEquals(Outcome.PERMANENT, ErrorCodes.classify(errcode, "no").outcome());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 40001, 40014, 42001, 45000, 50001, 99999})
    void shouldRetryEverythingElseWithBackoff(int errcode) {
        // expired tokens included: the token sender refreshes and retries once before this applies
        assertEquals(Outcome.TEMPORARY, ErrorCodes.classify(errcode, "later").outcome());
    }

    @Test
    void shouldKeepTheCodeAndTheAnswer() {
        SendResult r = ErrorCodes.classify(45009, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
        assertEquals("45009", r.code());
        assertEquals("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", r.detail());
        assertEquals("-1", ErrorCodes.classify(-1, "system busy").code());
    }

    @Test
    void shouldTreatExpiredTokensAsRefreshableNotAsBadCredentials() {
        for (int code : new int[] {40001, 40014, 42001}) {
            assertTrue(ErrorCodes.TOKEN_EXPIRED.contains(code), "refresh and retry on " + code);
            assertFalse(ErrorCodes.PERMANENT.contains(code), code + " is not dead");
        }
        for (int code : new int[] {40013, 40125, 40091, 40164, 60020, 41002, 41004}) {
            assertTrue(ErrorCodes.BAD_CREDENTIALS.contains(code), code + " means wrong credentials");
        }
        assertTrue(ErrorCodes.THROTTLED.stream().noneMatch(ErrorCodes.PERMANENT::contains), "one fate per code");
        assertTrue(ErrorCodes.THROTTLED.stream().noneMatch(ErrorCodes.TOKEN_EXPIRED::contains), "one fate per code");
    }
}
