package io.tongxin.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Rows;
import jakarta.inject.Inject;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The start-up warning about a PostgreSQL server without autovacuum, against the test database's real setting. */
@QuarkusTest
class AutovacuumCheckTest {

    @Inject
    AutovacuumCheck check;

    @Inject
    DataSource ds;

    @Test
    void shouldWarnExactlyWhenTheServerRunsWithoutAutovacuum() throws Exception {
        boolean off = Rows.number(ds, "select case when current_setting('autovacuum') = 'off' then 1 else 0 end") == 1;
        Optional<String> warning = check.warning();
        assertEquals(off, warning.isPresent(), "autovacuum " + (off ? "off" : "on") + ": " + warning);
    }

    @Test
    void shouldSayWhatToDo() {
        assertEquals(Optional.empty(), AutovacuumCheck.warningFor("on"));
        String w = AutovacuumCheck.warningFor("off").orElseThrow();
        assertTrue(w.contains("autovacuum = off") && w.contains("VACUUM ANALYZE"), w);
    }
}
