package io.tongxin.opinion;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The databases the migration tests run the production migrations on: a schema of their own in the
 * tests' PostgreSQL database, and a new file H2 database as the embedded mode's (an in-memory one
 * closes under Flyway).
 */
final class MigrationDatabases {

    private MigrationDatabases() {}

    static String postgres(String schema) {
        String db = System.getenv().getOrDefault("TONGXIN_TEST_DB", "tongxin_test");
        return "jdbc:postgresql://127.0.0.1:5432/" + db + "?currentSchema=" + schema;
    }

    static String h2(String name) {
        return "jdbc:h2:file:./target/" + name + "-" + System.nanoTime()
                + "/tongxin;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Flyway on the production migrations (PostgreSQL: in {@code schema}). */
    static FluentConfiguration flyway(String url, String user, String password, String schema) {
        FluentConfiguration f = Flyway.configure().dataSource(url, user, password);
        if (url.startsWith("jdbc:postgresql:")) {
            f = f.schemas(schema);
        }
        return f.locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:missing")
                .cleanDisabled(false);
    }
}
