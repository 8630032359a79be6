package io.tongxin.shared;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Warns at start-up when the PostgreSQL server runs without autovacuum. Without it no table ever gets
 * statistics and dead rows stay: the plans of the per-message statements, prepared once per connection,
 * are the ones made while the tables were nearly empty, and one such plan (a sender's earlier unfinished
 * message looked up through the channel alone) read every message of the channel on every call, 2 ms a
 * call after 12,000 messages (BENCHMARKS, issue 16, session 11). Nothing is changed: the server's
 * maintenance is its operator's; the warning says what to do. Silent on the embedded H2 database.
 */
@ApplicationScoped
public class AutovacuumCheck {

    private static final Logger LOG = Logger.getLogger(AutovacuumCheck.class);

    @Inject
    DataSource ds;

    void onStart(@Observes StartupEvent event) {
        warning().ifPresent(LOG::warn);
    }

    /** The warning for this server, empty when autovacuum is on or the database is not PostgreSQL. */
    public Optional<String> warning() {
        try (Connection c = ds.getConnection()) {
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                return Optional.empty();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select current_setting('autovacuum')")) {
                return rs.next() ? warningFor(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.debugf("autovacuum check skipped: %s", LogText.escape(e.getMessage()));
            return Optional.empty(); // the database being down is reported elsewhere (health, Flyway)
        }
    }

    /** The warning for the server's {@code autovacuum} setting ({@code on} / {@code off}). */
    static Optional<String> warningFor(String autovacuum) {
        if (!"off".equalsIgnoreCase(autovacuum)) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL runs with autovacuum = off: its tables get no statistics and keep"
                + " their dead rows, so the inbox's per-message lookups slow down as messages accumulate."
                + " Turn autovacuum on (the default), or run VACUUM ANALYZE on this database regularly.");
    }
}
