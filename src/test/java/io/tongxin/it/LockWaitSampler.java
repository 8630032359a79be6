package io.tongxin.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Samples the benchmark database's active sessions every {@code periodMillis} on a thread of its own
 * (one autocommitted query a sample): how many waited on what ({@code wait_event_type}, CPU when
 * none), and for every session waiting on a heavyweight lock ({@code pg_locks} not granted, joined to
 * {@code pg_stat_activity}) the lock type and mode, the locked relation, the waiting statement and
 * the statement of the session that blocks it ({@code pg_blocking_pids}). Used by
 * {@link ReportLoadTwoInstancesBench}; counts are sessions seen waiting, summed over the samples.
 */
final class LockWaitSampler implements AutoCloseable {

    private static final String SAMPLE = """
            select coalesce(a.wait_event_type, 'CPU'),
                   coalesce(l.locktype || ' ' || l.mode, ''),
                   coalesce(l.relation::regclass::text, ''),
                   left(regexp_replace(a.query, '\\s+', ' ', 'g'), 150),
                   coalesce((select b.state || ': ' || left(regexp_replace(b.query, '\\s+', ' ', 'g'), 150)
                             from pg_stat_activity b where b.pid = (pg_blocking_pids(a.pid))[1]), '')
            from pg_stat_activity a
            left join pg_locks l on l.pid = a.pid and not l.granted
            where a.datname = current_database() and a.state = 'active' and a.pid <> pg_backend_pid()""";

    private final long periodMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Integer> waitTypes = new TreeMap<>();
    private final Map<String, Integer> lockWaits = new TreeMap<>();
    private final Thread thread;
    private int samples;
    private int locks;

    LockWaitSampler(long periodMillis) {
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::run, "lock-wait-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Connection c = DriverManager.getConnection(Instances.JDBC, "tongxin", "tongxin");
                Statement st = c.createStatement()) {
            while (running.get()) {
                try (ResultSet rs = st.executeQuery(SAMPLE)) {
                    synchronized (this) {
                        samples++;
                        while (rs.next()) {
                            waitTypes.merge(rs.getString(1), 1, Integer::sum);
                            if (!rs.getString(2).isEmpty()) {
                                locks++;
                                String key = rs.getString(2) + " on "
                                        + (rs.getString(3).isEmpty() ? "-" : rs.getString(3)) + "\n      waiting: "
                                        + rs.getString(4) + "\n      blocker: " + rs.getString(5);
                                lockWaits.merge(key, 1, Integer::sum);
                            }
                        }
                    }
                }
                Thread.sleep(periodMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("lock-wait sampling failed", e);
        }
    }

    /** Stops sampling; returns how many samples (one transaction each) were taken. */
    synchronized int samples() {
        return samples;
    }

    synchronized int lockWaits() {
        return locks;
    }

    /** "CPU=12 IO=3 Lock=7 …": sessions seen per wait event type. */
    synchronized String waitTypes() {
        return waitTypes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** The lock waits grouped by lock, relation, waiting and blocking statement, most frequent first. */
    synchronized String lockWaitDetail(int top) {
        return lockWaits.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .map(e -> "  " + e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
