package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * V8.17 on a database that already has opinions (issue 16): the rows keep their ids, and the ids
 * Hibernate takes from the new sequences (a pooled block of 50 below each value of nextval) and the
 * ids plain SQL inserts take from the column default all lie above the existing ones, on PostgreSQL
 * (a schema of its own in the tests' database) and on the embedded mode's H2.
 */
class SequenceIdsMigrationTest {

    private static final String SCHEMA = "seq_ids_migration";

    @Test
    void shouldStartEverySequenceAboveTheExistingIdsOnPostgres() throws Exception {
        check(MigrationDatabases.postgres(SCHEMA), "tongxin", "tongxin");
    }

    @Test
    void shouldStartEverySequenceAboveTheExistingIdsOnH2() throws Exception {
        // a new file database of its own, as the embedded mode's (an in-memory one closes under Flyway)
        check(MigrationDatabases.h2("seq-ids-migration"), "sa", "");
    }

    private static void check(String url, String user, String password) throws Exception {
        Flyway before = flyway(url, user, password).target("8.16").load();
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres) {
            before.clean(); // the schema a previous run left
        }
        before.migrate();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(
                    "insert into opinion (id, number, status, text, title, urgency, complexity, created_at,"
                            + " updated_at) values (1234, 'SEQ1', 'received', 't', 't', 'normal', 'normal', current_timestamp, current_timestamp)");
            s.execute(
                    "insert into opinion (number, status, text, title, urgency, complexity, created_at,"
                            + " updated_at) values ('SEQ2', 'received', 't', 't', 'normal', 'normal', current_timestamp, current_timestamp)");
            s.execute("insert into opinion_source (id, opinion_id, origin_number, text, received_at)"
                    + " values (77, 1234, 'SEQ1', 't', current_timestamp)");
            s.execute("insert into opinion_event (id, opinion_id, type, actor, at)"
                    + " values (5000, 1234, 'created', 'test', current_timestamp)");
        }
        flyway(url, user, password).load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            assertEquals(List.of(1L, 1234L), longs(s, "select id from opinion order by id"), "existing ids kept");
            for (String[] t :
                    new String[][] {{"opinion", "1234"}, {"opinion_source", "77"}, {"opinion_event", "5000"}}) {
                long max = Long.parseLong(t[1]);
                long first = longs(s, "select nextval('" + t[0] + "_id_seq')").get(0);
                long second = longs(s, "select nextval('" + t[0] + "_id_seq')").get(0);
                assertEquals(50, second - first, t[0] + ": 50 ids a call (Hibernate's allocationSize)");
                assertTrue(
                        first - 49 > max, t[0] + ": the first block " + (first - 49) + ".." + first + " above " + max);
            }
            s.execute(
                    "insert into opinion (number, status, text, title, urgency, complexity, created_at,"
                            + " updated_at) values ('SEQ3', 'received', 't', 't', 'normal', 'normal', current_timestamp, current_timestamp)");
            long plain =
                    longs(s, "select id from opinion where number = 'SEQ3'").get(0);
            assertTrue(plain > 1234, "a plain insert takes its id from the sequence: " + plain);
        }
        if (postgres) {
            before.clean();
        }
    }

    private static FluentConfiguration flyway(String url, String user, String password) {
        return MigrationDatabases.flyway(url, user, password, SCHEMA);
    }

    private static List<Long> longs(Statement s, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
