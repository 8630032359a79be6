package io.tongxin.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises a failure that means "the database cannot be reached right now" (PostgreSQL restarting or
 * down, the connection pool unable to hand out a connection in time), as opposed to a bug or bad data.
 * Such a failure is answered 503 with {@code Retry-After} (issue 17): a platform retries its callback
 * later, and nothing was stored or changed, or the store was complete before it (a retry is then a
 * duplicate and answered as the original).
 */
public final class DatabaseUnavailable {

    /** Seconds a caller is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {}

    /** Whether {@code e} or one of its causes says the database is unreachable. */
    public static boolean is(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 20; c = c.getCause(), depth++) {
            if (c instanceof org.hibernate.exception.JDBCConnectionException
                    || c instanceof SQLTransientConnectionException
                    || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
            // (starting up); 53300: too many connections
            return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
        }
        // the Agroal pool's own timeouts carry no SQL state
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
