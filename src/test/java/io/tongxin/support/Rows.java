package io.tongxin.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Tests' direct reads of what the service stored: one number from a query, on a connection of its own. */
public final class Rows {

    private Rows() {}

    /** The first column of the first row of {@code sql} with the given parameters, as an int. */
    public static int number(DataSource ds, String sql, Object... params) throws SQLException {
        return Math.toIntExact(first(ds, sql, params));
    }

    /** The first column of the first row of {@code sql} with the given parameters, as a long (an id, a count). */
    public static long first(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
