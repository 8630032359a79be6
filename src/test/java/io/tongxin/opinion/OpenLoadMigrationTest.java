package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * V8.18 on a database that already has assigned opinions (issue 16): every member with open opinions
 * gets a lock row, and each row's open load is the count of that member's open opinions (resolved,
 * closed or rejected ones do not count); a negative load is refused. On PostgreSQL (a schema of its
 * own in the tests' database) and on the embedded mode's H2.
 */
class OpenLoadMigrationTest {

    private static final String SCHEMA = "open_load_migration";

    @Test
    void shouldCountTheOpenLoadsOnPostgres() throws Exception {
        check(MigrationDatabases.postgres(SCHEMA), "tongxin", "tongxin");
    }

    @Test
    void shouldCountTheOpenLoadsOnH2() throws Exception {
        check(MigrationDatabases.h2("open-load-migration"), "sa", "");
    }

    private static void check(String url, String user, String password) throws Exception {
        Flyway before = flyway(url, user, password).target("8.17").load();
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres) {
            before.clean(); // the schema a previous run left
        }
        before.migrate();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            String[][] opinions = {
                {"L1", "assigned", "ma"},
                {"L2", "in_progress", "ma"},
                {"L3", "resolved", "ma"},
                {"L4", "acknowledged", "mb"},
                {"L5", "closed", "mc"},
                {"L6", "rejected", "mc"},
                {"L7", "received", null}
            };
            for (String[] o : opinions) {
                s.execute("insert into opinion (number, status, text, title, urgency, complexity, assignee_code,"
                        + " created_at, updated_at) values ('" + o[0] + "', '" + o[1]
                        + "', 't', 't', 'normal', 'normal', "
                        + (o[2] == null ? "null" : "'" + o[2] + "'") + ", current_timestamp, current_timestamp)");
            }
            s.execute("insert into opinion_member_lock (member_code) values ('mb')"); // routed to before
            s.execute("insert into opinion_member_lock (member_code) values ('md')"); // nothing open
        }
        flyway(url, user, password).load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            Map<String, Integer> loads = new LinkedHashMap<>();
            try (ResultSet rs =
                    s.executeQuery("select member_code, open_load from opinion_member_lock order by member_code")) {
                while (rs.next()) {
                    loads.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertEquals(Map.of("ma", 2, "mb", 1, "md", 0), loads, "rows of members with open opinions, counted");
            assertThrows(
                    SQLException.class,
                    () -> s.execute("update opinion_member_lock set open_load = -1 where member_code = 'md'"),
                    "a negative open load is refused");
        }
        if (postgres) {
            before.clean();
        }
    }

    private static FluentConfiguration flyway(String url, String user, String password) {
        return MigrationDatabases.flyway(url, user, password, SCHEMA);
    }
}
