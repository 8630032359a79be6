package io.tongxin.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Waiting for background work (inbox processing, outbox delivery) without betting on the machine's
 * speed: the wait goes on while the observed state keeps changing, and ends at {@code done}, after
 * {@code stall} without any change, or after ten minutes. The caller's assertions then say what was
 * reached.
 */
final class Progress {

    private static final Logger LOG = Logger.getLogger(Progress.class);

    /** Values read (from the database), in a fixed order, to tell progress from a stall. */
    interface State {
        List<Long> read() throws Exception;
    }

    private Progress() {}

    /** Waits as described above; returns the last state read. */
    static List<Long> awaitWhileChanging(Duration stall, State state, Predicate<List<Long>> done) throws Exception {
        long cap = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        List<Long> last = state.read();
        long changed = System.nanoTime();
        while (!done.test(last) && System.nanoTime() < cap && System.nanoTime() - changed < stall.toNanos()) {
            Thread.sleep(250);
            List<Long> now = state.read();
            if (!now.equals(last)) {
                last = now;
                changed = System.nanoTime();
            }
        }
        LOG.infof("waited for %s: done=%s", last, done.test(last));
        return last;
    }
}
