package io.tongxin.dialogue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The dialogue's check for a sender's earlier unfinished message runs for every message to the bot,
 * on a prepared statement whose plan PostgreSQL may fix once per connection (a generic plan). That
 * plan must read the sender's own index entries, whatever the statistics: as a count it once scanned
 * a whole channel on every call (issue 16, BENCHMARKS session 11).
 */
@QuarkusTest
class EarlierUnfinishedPlanTest {

    @Inject
    DataSource ds;

    @Test
    void shouldReadOnlyTheSendersIndexEntriesInAGenericPlan() throws Exception {
        String plan = genericPlan(Conversations.EARLIER_UNFINISHED);
        assertTrue(plan.contains("ix_inbox_message_sender"), plan);
        assertTrue(plan.contains("Index Cond") && plan.contains("sender_id"), "the sender bounds the scan: " + plan);
        assertFalse(plan.contains("Sort"), "the index gives the order: " + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    /** EXPLAIN of {@code sql} (JPA-style ?1..?4 parameters) as the generic plan of a prepared statement. */
    private String genericPlan(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("set local plan_cache_mode = force_generic_plan");
                s.execute("prepare earlier_unfinished (text, text, bigint, text) as "
                        + sql.replaceAll("\\?(\\d)", "\\$$1"));
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("explain execute earlier_unfinished ('c', 'u', 1, '')")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                s.execute("deallocate earlier_unfinished");
                return plan.toString();
            } finally {
                c.rollback();
            }
        }
    }
}
