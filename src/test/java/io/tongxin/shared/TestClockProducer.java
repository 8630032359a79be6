package io.tongxin.shared;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * In every {@code @QuarkusTest} the application clock is a {@link MutableClock} (this alternative wins
 * over {@link ClockProducer}); the packaged jar the process-level tests start has the system clock.
 */
@ApplicationScoped
public class TestClockProducer {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    MutableClock clock() {
        return new MutableClock(Clock.systemUTC());
    }
}
