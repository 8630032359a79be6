package io.tongxin.shared;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Returns the application clock to real time before and after every {@code @QuarkusTest} method, the
 * one place that does (registered in {@code META-INF/services}): tests move the clock by hours and
 * days, and webhook replay checks compare request timestamps with it, so no test may see another's
 * offset whatever the class order.
 */
public class ClockReset implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        reset();
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        reset();
    }

    private static void reset() {
        try (InstanceHandle<MutableClock> clock = Arc.container().instance(MutableClock.class)) {
            if (!clock.isAvailable()) {
                throw new IllegalStateException("the tests' MutableClock is not the application clock");
            }
            clock.get().reset();
        }
    }
}
