package io.tongxin.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxin.outbox.RateLimiter.Limit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tongxin.outbox.*} rate-limit specs, as {@link RateLimiter#parse} reads them. */
class RateLimiterParseTest {

    @Test
    void shouldReadOneLimitPerWindowUnit() {
        assertEquals(List.of(new Limit(5, Duration.ofSeconds(30))), RateLimiter.parse("5/30s"));
        assertEquals(List.of(new Limit(20, Duration.ofMinutes(1))), RateLimiter.parse("20/1m"));
        assertEquals(List.of(new Limit(1000, Duration.ofHours(1))), RateLimiter.parse("1000/1h"));
        assertEquals(List.of(new Limit(3, Duration.ofDays(2))), RateLimiter.parse("3/2d"));
    }

    @Test
    void shouldReadIsoDurationsInAnyCase() {
        assertEquals(List.of(new Limit(100, Duration.ofHours(2))), RateLimiter.parse("100/PT2H"));
        assertEquals(List.of(new Limit(100, Duration.ofMinutes(90))), RateLimiter.parse("100/pt90m"));
    }

    @Test
    void shouldReadSeveralLimitsInOrderIgnoringSpaces() {
        assertEquals(
                List.of(new Limit(30, Duration.ofMinutes(1)), new Limit(1000, Duration.ofHours(1))),
                RateLimiter.parse(" 30 / 1m , 1000/1h "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "none", "NONE", " None "})
    void shouldReadNoLimitFromNothingOrNone(String spec) {
        assertEquals(List.of(), RateLimiter.parse(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/1m/1h", "0/1m", "-1/1m", "5/0s", "5/-1m", "5/1w", "x/1m", "5/m", "5/PT0S"})
    void shouldRefuseMalformedOrNonPositiveLimits(String spec) {
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.parse(spec), spec);
    }
}
