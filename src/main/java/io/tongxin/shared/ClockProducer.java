package io.tongxin.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now". Domain code injects {@link Clock} and never calls {@code Instant.now()},
 * so tests can move time with a {@code MutableClock} alternative instead of sleeping.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    MutableClock clock() {
        return new MutableClock(Clock.systemUTC());
    }
}
