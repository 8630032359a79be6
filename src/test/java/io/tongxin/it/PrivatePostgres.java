package io.tongxin.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the test's own (initdb into {@code target/}, its own port on 127.0.0.1), so a
 * test can crash and restart "the database" without touching the shared server other tests use.
 * PostgreSQL refuses to run as root: as root, its commands run as the {@code postgres} OS user.
 */
final class PrivatePostgres implements AutoCloseable {

    static final String BIN = System.getProperty("tongxin.it.pg-bin", "/usr/lib/postgresql/15/bin");
    static final String DB = "tongxin_fault";

    final int port;
    private final Path dir;

    PrivatePostgres(String name) throws Exception {
        port = Instances.freePort();
        dir = Path.of("target", "pg-" + name + "-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir);
        if (root()) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        run(
                List.of(
                        BIN + "/initdb",
                        "-D",
                        dir.resolve("data").toString(),
                        "-U",
                        "tongxin",
                        "--auth=trust",
                        "-E",
                        "UTF8"),
                true);
        start();
        try (Connection c = DriverManager.getConnection(url("postgres"), "tongxin", "tongxin");
                Statement s = c.createStatement()) {
            s.execute("create database " + DB);
        }
    }

    String jdbc() {
        return url(DB);
    }

    private String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws Exception {
        run(
                List.of(
                        BIN + "/pg_ctl",
                        "-D",
                        dir.resolve("data").toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                                + " -c fsync=off",
                        "start"),
                true);
    }

    /** A crash: every backend is killed at once, nothing is shut down cleanly (recovery runs on start). */
    void crash() throws Exception {
        run(List.of(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), true);
    }

    @Override
    public void close() {
        try {
            crash();
        } catch (Exception ignored) {
            // already stopped
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres && root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        File out = File.createTempFile("pg-cmd", ".log");
        Process p = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(out)
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", full) + " failed: " + Files.readString(out.toPath()));
        }
        out.delete();
    }
}
