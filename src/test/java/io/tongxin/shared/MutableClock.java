package io.tongxin.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' application clock: the system clock plus an offset that tests move
 * ({@link #advance(Duration)}). {@link TestClockProducer} puts it in place of the production
 * {@link Clock}, and {@link ClockReset} returns it to real time before and after every test, so no
 * test inherits another's hours. Beans inject {@code Clock} and never see the test hook.
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MutableClock(Clock base) {
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MutableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    /** Moves this clock forward. */
    public void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    /** Returns to real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
