package io.tongxin.shared;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The production build carries no benchmark scaffolding: the bare-insert endpoint, its config and its
 * {@code bench_row} table live under {@code bench/} and only a {@code -Pbench} build has them.
 */
@QuarkusTest
class ProductionBuildTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldCompileNoBenchmarkClassIntoTheMainClasses() {
        // the main classes are what `mvn package` puts into the jar
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tongxin");
        assertTrue(main.size() > 100, "imported only " + main.size() + " main classes");
        List<String> bench = main.stream()
                .map(JavaClass::getName)
                .filter(n -> n.startsWith("io.tongxin.bench.") || n.startsWith("io.tongxin.loadbench."))
                .toList();
        assertEquals(List.of(), bench);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.tongxin.bench.BenchResource"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.tongxin.bench.BenchConfig"));
    }

    @Test
    void shouldServeNoBenchmarkEndpoint() {
        given().body("x").post("/bench/insert").then().statusCode(404);
    }

    @Test
    void shouldMigrateNoBenchmarkTable() throws SQLException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        assertNull(cl.getResource("db/migration/V2.1__bench.sql"));
        assertNull(cl.getResource("db/bench/V2.1__bench.sql"));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // the schema is really migrated (not an empty database that trivially lacks the table)
            assertTrue(
                    count(s, "select count(*) from information_schema.tables where table_name = 'inbox_message'") == 1);
            assertEquals(0, count(s, "select count(*) from information_schema.tables where table_name = 'bench_row'"));
            assertEquals(0, count(s, "select count(*) from flyway_schema_history where script like '%bench%'"));
            assertFalse(count(s, "select count(*) from flyway_schema_history where success") < 5);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
