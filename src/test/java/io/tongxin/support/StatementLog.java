package io.tongxin.support;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionEventListener;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Records the SQL statements Hibernate prepares on the inbox worker threads while a test asks it to
 * (queries, native statements, entity inserts and updates; a JDBC batch is one statement): the
 * statements that process a message, counted rather than timed. {@link Events} (the tests' session
 * event listener, {@code hibernate.session.events.auto}) counts on the same threads what went to the
 * database: single executions, batch executions (one round trip each, however many rows), flushes
 * and transaction completions. Statements a handler runs through {@code Session.doReturningWork} on
 * its own connection handle are not seen (none on the report path today but the outbox's one-statement
 * enqueue).
 */
@PersistenceUnitExtension
public class StatementLog implements StatementInspector {

    private static volatile boolean recording;
    private static final ConcurrentLinkedQueue<String> STATEMENTS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static final AtomicInteger FLUSHES = new AtomicInteger();
    private static final AtomicInteger COMPLETIONS = new AtomicInteger();

    /** What went to the database while recording: statements executed one by one, batches, flushes, commits. */
    public record RoundTrips(int executions, int batches, int flushes, int completions) {

        /** These round trips less {@code n} single executions (statements the caller leaves out). */
        public RoundTrips without(int n) {
            return new RoundTrips(executions - n, batches, flushes, completions);
        }

        /** Executions, batches and transaction completions: each one a round trip to the database. */
        public int total() {
            return executions + batches + completions;
        }

        @Override
        public String toString() {
            return total() + " round trips (" + executions + " single executions, " + batches + " batches, "
                    + completions + " transaction completions; " + flushes + " flushes)";
        }
    }

    @Override
    public String inspect(String sql) {
        if (recorded()) {
            STATEMENTS.add(sql);
        }
        return sql;
    }

    private static boolean recorded() {
        return recording && Thread.currentThread().getName().startsWith("inbox-worker-");
    }

    /** Forgets what was recorded and records from now on. */
    public static void start() {
        STATEMENTS.clear();
        EXECUTIONS.set(0);
        BATCHES.set(0);
        FLUSHES.set(0);
        COMPLETIONS.set(0);
        recording = true;
    }

    /** Stops recording; answers the statements recorded since {@link #start}, in order. */
    public static List<String> stop() {
        recording = false;
        return new ArrayList<>(STATEMENTS);
    }

    /** The round trips counted since {@link #start} (read after {@link #stop}). */
    public static RoundTrips roundTrips() {
        return new RoundTrips(EXECUTIONS.get(), BATCHES.get(), FLUSHES.get(), COMPLETIONS.get());
    }

    /** Counts executions, batches, flushes and completions of every session on the recorded threads. */
    public static class Events implements SessionEventListener {

        @Override
        public void jdbcExecuteStatementStart() {
            count(EXECUTIONS);
        }

        @Override
        public void jdbcExecuteBatchStart() {
            count(BATCHES);
        }

        @Override
        public void flushStart() {
            count(FLUSHES);
        }

        @Override
        public void transactionCompletion(boolean successful) {
            count(COMPLETIONS);
        }

        private static void count(AtomicInteger counter) {
            if (recorded()) {
                counter.incrementAndGet();
            }
        }
    }
}
