package io.tongxin.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged service ({@code target/quarkus-app/quarkus-run.jar}, prod profile) as real
 * processes on 127.0.0.1 against the process-level tests' own PostgreSQL database
 * ({@code <TONGXIN_TEST_DB>_it}), and reads that database directly. Every process started is
 * killed by {@link #close()}.
 */
final class Instances implements AutoCloseable {

    static final String TOKEN = "it-admin-token-0123456789abcdefgh";
    static final String DB = System.getenv().getOrDefault("TONGXIN_TEST_DB", "tongxin_test") + "_it";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;

    private final List<Process> processes = new ArrayList<>();

    /** One instance on a free port; {@code cleanDatabase} empties the database first (Flyway clean). */
    Instance start(String name, boolean cleanDatabase, Map<String, String> settings) throws Exception {
        int port = freePort();
        String jar = System.getProperty("tongxin.it.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx512m", "-jar", jar);
        Map<String, String> env = pb.environment();
        env.put("TONGXIN_DB_URL", JDBC);
        env.put("TONGXIN_ADMIN_TOKEN", TOKEN);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", Boolean.toString(cleanDatabase));
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("TONGXIN_INBOX_PURGE_EVERY", "off");
        env.put("TONGXIN_OUTBOX_PURGE_EVERY", "off");
        env.putAll(settings);
        File log = new File("target/it-" + name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        processes.add(p);
        // generous: on a loaded shared build machine a JVM can take well over a minute to start
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("tongxin.it.start-seconds", 180));
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("instance " + name + " exited; see " + log);
            }
            try {
                if (given().baseUri("http://127.0.0.1:" + port)
                                .get("/q/health/ready")
                                .statusCode()
                        == 200) {
                    return new Instance(p, port);
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + name + " did not become ready; see " + log);
    }

    record Instance(Process process, int port) {

        String base() {
            return "http://127.0.0.1:" + port;
        }

        /** An admin API request to this instance (logged when its assertion fails). */
        RequestSpecification api() {
            return given().baseUri(base())
                    .contentType(ContentType.JSON)
                    .log()
                    .ifValidationFails()
                    .header("Authorization", "Bearer " + TOKEN);
        }
    }

    /** The single number a query with one string parameter answers. */
    static long number(String sql, String param) throws Exception {
        return number(JDBC, sql, param);
    }

    /** The same on another database (a test's private PostgreSQL). */
    static long number(String jdbc, String sql, String param) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "tongxin", "tongxin");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The first column of every row a query with one string parameter answers. */
    static List<String> strings(String sql, String param) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(JDBC, "tongxin", "tongxin");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Waits, up to {@code atMost}, until every message stored for {@code channel} is processed; the
     * caller's assertions then say what was reached.
     */
    static void awaitInboxProcessed(String channel, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (number("select count(*) from inbox_message where channel_key = ? and status <> 'processed'", channel) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
