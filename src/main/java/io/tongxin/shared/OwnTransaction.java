package io.tongxin.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A few plain JDBC statements that commit on their own, now, whatever the caller's transaction does:
 * what {@code @Transactional(REQUIRES_NEW)} gives, without a JTA transaction and a Hibernate session
 * of their own (issue 16: for one or two statements, their begin, commit and session cost the service
 * more CPU than the statements). The caller's JTA transaction, if any, is suspended meanwhile, so the
 * pool hands out a connection that is not part of it; the connection is the main pool's.
 */
@ApplicationScoped
public class OwnTransaction {

    /** Statements on a connection; answers what they return (a row count, mostly). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    @Inject
    TransactionManager transactions;

    /** One statement, committed by itself (auto-commit): an insert-or-nothing, a single update. */
    public <T> T autoCommit(Work<T> work) {
        return outsideCallerTransaction(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                return work.run(c);
            }
        });
    }

    /** Several statements in one local transaction: all committed, or (on any exception) none. */
    public <T> T inTransaction(Work<T> work) {
        return outsideCallerTransaction(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                } // the pool restores auto-commit when the connection goes back to it
            }
        });
    }

    private interface Body<T> {
        T run() throws SQLException;
    }

    private <T> T outsideCallerTransaction(Body<T> body) {
        Transaction caller;
        try {
            caller = transactions.suspend();
        } catch (SystemException e) {
            throw new IllegalStateException("could not suspend the caller's transaction", e);
        }
        try {
            return body.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            if (caller != null) {
                resume(caller);
            }
        }
    }

    private void resume(Transaction caller) {
        try {
            transactions.resume(caller);
        } catch (Exception e) {
            throw new IllegalStateException("could not resume the caller's transaction", e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
