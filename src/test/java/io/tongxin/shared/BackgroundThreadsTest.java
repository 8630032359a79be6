package io.tongxin.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The background threads' priority (issue 16): each worker lowers its own Linux nice value at its
 * start, the thread that created it keeps its own, and 0 leaves the normal priority. Read back from
 * the kernel ({@code /proc/thread-self/stat}), not from our own bookkeeping.
 */
class BackgroundThreadsTest {

    @Test
    void shouldRunEveryWorkerAtTheConfiguredNiceValueAndLeaveTheCallerAlone() throws Exception {
        int before = BackgroundThreads.niceOfThisThread();
        ExecutorService pool = Executors.newFixedThreadPool(2, new BackgroundThreads("test-background", 7));
        try {
            Future<Integer> first = pool.submit(BackgroundThreads::niceOfThisThread);
            Future<Integer> second = pool.submit(BackgroundThreads::niceOfThisThread);
            assertEquals(7, first.get(10, TimeUnit.SECONDS));
            assertEquals(7, second.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, BackgroundThreads.niceOfThisThread(), "the creating thread keeps its priority");
    }

    @Test
    void shouldKeepTheNormalPriorityAtZeroAndNameTheThreadsAsDaemons() throws Exception {
        BackgroundThreads factory = new BackgroundThreads("plain", 0);
        int[] seen = new int[1];
        Thread t = factory.newThread(() -> {
            try {
                seen[0] = BackgroundThreads.niceOfThisThread();
            } catch (Exception e) {
                seen[0] = -100;
            }
        });
        assertEquals("plain-1", t.getName());
        assertTrue(t.isDaemon());
        t.start();
        t.join(10_000);
        assertEquals(BackgroundThreads.niceOfThisThread(), seen[0]);
    }

    @Test
    void shouldClampTheNiceValueToWhatLinuxAllows() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(new BackgroundThreads("clamped", 40));
        try {
            assertEquals(19, pool.submit(BackgroundThreads::niceOfThisThread).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
