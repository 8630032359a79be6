package io.tongxin.support;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Records the SQL statements Hibernate prepares on the inbox worker threads while a test asks it to
 * (queries, native statements, entity inserts and updates; a JDBC batch is one statement): the
 * statements that process a message, counted rather than timed. Statements a handler runs through
 * {@code Session.doReturningWork} on its own connection handle are not seen (none on the report path
 * today but the outbox's one-statement enqueue).
 */
@PersistenceUnitExtension
public class StatementLog implements StatementInspector {

    private static volatile boolean recording;
    private static final ConcurrentLinkedQueue<String> STATEMENTS = new ConcurrentLinkedQueue<>();

    @Override
    public String inspect(String sql) {
        if (recording && Thread.currentThread().getName().startsWith("inbox-worker-")) {
            STATEMENTS.add(sql);
        }
        return sql;
    }

    /** Forgets what was recorded and records from now on. */
    public static void start() {
        STATEMENTS.clear();
        recording = true;
    }

    /** Stops recording; answers the statements recorded since {@link #start}, in order. */
    public static List<String> stop() {
        recording = false;
        return new ArrayList<>(STATEMENTS);
    }
}
