package io.tongxin.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now": the system clock in UTC. Domain code injects {@link Clock} and never
 * calls {@code Instant.now()}, so tests replace this bean with their own clock and move time
 * instead of sleeping.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
