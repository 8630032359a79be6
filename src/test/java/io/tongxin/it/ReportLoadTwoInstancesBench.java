package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two-instance figure of issue 16, measured with the process-level harness ({@link Instances}:
 * the packaged jar as real processes against {@code <TONGXIN_TEST_DB>_it}). A benchmark, not part of
 * the suite: its name matches neither surefire's nor failsafe's patterns, so it runs only when named
 * ({@code -Dit.test=ReportLoadTwoInstancesBench}; {@code bench/two-instances.sh}).
 *
 * <p>One instance, then two on the same database, each phase the open-loop signed report load of
 * {@code bench/}'s {@code ReportLoad} (run as a process, with {@code --base2} the second instance
 * receives every other message), timed from its first request until the run's channel has no
 * unfinished inbox message. While draining, {@link LockWaitSampler} samples the sessions. Per phase:
 * opinions filed per second (and two against one), lock waits per report with the lock, relation,
 * waiting and blocking statement, retried/deferred/failed inbox messages, commits and rollbacks
 * ({@code pg_stat_database} deltas, minus the bench's own queries) and CPU per report (/proc). Every
 * report must be filed exactly once.
 *
 * <p>Settings (system properties): {@code bench.scenario} (group-report; or oa-direct, group-mix),
 * {@code bench.rate} (500/s), {@code bench.seconds} (8), {@code bench.rounds} (1: one then two; 2:
 * one, two, one, two), {@code bench.generator} (bench/target/tongxin-bench.jar), {@code
 * bench.sample-ms} (150), {@code bench.pool} (16, each instance's connection pool), {@code bench.jar}
 * (another service build to measure; default the packaged one). Results: stdout and target/bench/two-instances.txt.
 */
class ReportLoadTwoInstancesBench {

    static final String SCENARIO = System.getProperty("bench.scenario", "group-report");
    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int SECONDS = Integer.getInteger("bench.seconds", 8);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
    static final String GENERATOR = System.getProperty("bench.generator", "bench/target/tongxin-bench.jar");
    static final long SAMPLE_MS = Long.getLong("bench.sample-ms", 150);
    /** PostgreSQL backends report their statistics up to 10 s after going idle (see bench/report-load.sh). */
    static final long SETTLE_MS = Long.getLong("bench.settle-ms", 11_000);

    /**
     * Each instance's connection pool (the default 32 twice plus other users of a shared PostgreSQL
     * can exhaust its 100 connections); the same in both phases.
     */
    static final String POOL = System.getProperty("bench.pool", "16");

    static final Map<String, String> SETTINGS = Map.of(
            "TONGXIN_EVENT_REMINDERS_EVERY", "off",
            "TONGXIN_EVENT_FOLLOW_UP_EVERY", "off",
            "QUARKUS_DATASOURCE_JDBC_MAX_SIZE", POOL);

    final Instances instances = new Instances();
    final Path out = Path.of("target/bench/two-instances.txt");
    int ownQueries;
    /** The bench's own queries (drain polls, counters), on one connection. */
    Connection db;

    final String itJar = System.getProperty("tongxin.it.jar");

    @AfterEach
    void stopAll() throws Exception {
        instances.close();
        if (itJar != null) {
            System.setProperty("tongxin.it.jar", itJar);
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void shouldFileEveryReportOnceWithOneAndWithTwoInstances() throws Exception {
        if (!new File(GENERATOR).isFile()) {
            throw new AssertionError(GENERATOR + " is missing: mvn -f bench/pom.xml package");
        }
        if (System.getProperty("bench.jar") != null) {
            // another build of the service (e.g. before a change), started as Instances starts the ITs'
            // jar; put back afterwards for the ITs that run in the same JVM
            System.setProperty("tongxin.it.jar", System.getProperty("bench.jar"));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, "");
        print("# " + Instant.now() + " " + Runtime.getRuntime().availableProcessors() + " cpus, load "
                + Files.readString(Path.of("/proc/loadavg")).trim() + "; scenario=" + SCENARIO + " rate=" + RATE
                + "/s seconds=" + SECONDS + " rounds=" + ROUNDS + " pool=" + POOL + " db=" + Instances.DB + " jar="
                + System.getProperty("tongxin.it.jar"));
        Instances.Instance a = instances.start("bench-a", true, SETTINGS);
        db = DriverManager.getConnection(Instances.JDBC, "tongxin", "tongxin");
        warmUp(a, a);
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            one.add(phase("one instance", round, a, a, List.of(a)));
            Instances.Instance b = instances.start("bench-b" + round, false, SETTINGS);
            warmUp(a, b);
            two.add(phase("two instances", round, a, b, List.of(a, b)));
            b.process().destroy();
            b.process().waitFor(60, TimeUnit.SECONDS);
        }
        for (int r = 0; r < ROUNDS; r++) {
            print(String.format(
                    "RATIO round %d: two instances %.1f/s vs one %.1f/s = %.2fx (goal >= 0.9x)",
                    r + 1, two.get(r), one.get(r), two.get(r) / one.get(r)));
        }
    }

    /** Each report kind at 20/s for 8 s (the JIT and caches of both instances), drained before measuring. */
    private void warmUp(Instances.Instance a, Instances.Instance b) throws Exception {
        for (String target : List.of("group-report", "oa-direct")) {
            Map<String, String> r = generate(a, b, target, 20, 8);
            drain(r.get("channel"));
        }
    }

    /** One measured run; returns the opinions filed per second. */
    private double phase(
            String name, int round, Instances.Instance a, Instances.Instance b, List<Instances.Instance> jvms)
            throws Exception {
        long[] db0 = databaseCounters();
        long cpu0 = cpuMillis(jvms);
        long pg0 = postgresCpuMillis();
        ownQueries = 0;
        Map<String, String> r;
        long drained;
        int samples;
        LockWaitSampler sampler = new LockWaitSampler(SAMPLE_MS);
        try (sampler) {
            r = generate(a, b, SCENARIO, RATE, SECONDS);
            drain(r.get("channel"));
            drained = System.currentTimeMillis();
        }
        samples = sampler.samples();
        long cpu1 = cpuMillis(jvms);
        long pg1 = postgresCpuMillis();
        Thread.sleep(SETTLE_MS);
        long[] db1 = databaseCounters();
        String channel = r.get("channel");
        long filed = number("select count(distinct opinion_id) from opinion_source where channel_key = ?", channel);
        long failed = number("select count(*) from inbox_message where channel_key = ? and status = 'failed'", channel);
        long retried = number("select count(*) from inbox_message where channel_key = ? and attempts > 1", channel);
        long deferred = number(
                "select count(*) from inbox_message where channel_key = ? and last_error like 'deferred%'", channel);
        long expected = Long.parseLong(r.get("reports"));
        long ms = drained - Long.parseLong(r.get("start-epoch-ms"));
        double perSecond = filed * 1000.0 / ms;
        double n = Math.max(1, filed);
        // the bench's own autocommitted queries (samples, drain polls, these counters) are not the service's
        long commits = db1[0] - db0[0] - samples - ownQueries;
        print(String.format(
                "RUN %s (round %d, %s): ack %s/s p99 %s ms failed-acks %s | drained in %d ms: filed %d of %d = %.1f"
                        + " reports/s | inbox retried %d deferred %d failed %d | commits/report=%.2f rollbacks=%d"
                        + " (%.3f/report) | lock waits sampled %d (%.3f/report) in %d samples | db-waits %s |"
                        + " cpu ms/report jvm=%.1f pg=%.1f | load %s",
                name,
                round,
                SCENARIO,
                r.get("achieved"),
                r.get("p99"),
                r.get("failed"),
                ms,
                filed,
                expected,
                perSecond,
                retried,
                deferred,
                failed,
                commits / n,
                db1[1] - db0[1],
                (db1[1] - db0[1]) / n,
                sampler.lockWaits(),
                sampler.lockWaits() / n,
                samples,
                sampler.waitTypes(),
                (cpu1 - cpu0) / n,
                (pg1 - pg0) / n,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        if (sampler.lockWaits() > 0) {
            print("  lock waits by lock, relation, waiting statement and its blocker (top 8):\n"
                    + sampler.lockWaitDetail(8));
        }
        assertEquals(expected, filed, name + ": one opinion per report");
        assertEquals(0, failed, name + ": no failed message");
        return perSecond;
    }

    /** Runs bench/'s ReportLoad generator against {@code a} (every other message to {@code b}). */
    private static Map<String, String> generate(
            Instances.Instance a, Instances.Instance b, String target, int rate, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                System.getProperty("java.home") + "/bin/java",
                "-cp",
                GENERATOR,
                "io.tongxin.loadbench.ReportLoad",
                "--base",
                a.base(),
                "--base2",
                b.base(),
                "--target",
                target,
                "--rate",
                Integer.toString(rate),
                "--seconds",
                Integer.toString(seconds),
                "--admin-token",
                Instances.TOKEN);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                text.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            throw new AssertionError("ReportLoad failed:\n" + text);
        }
        return Map.of(
                "channel", find(text, "^channel=(\\S+)"),
                "reports", find(text, "^reports=(\\d+)"),
                "start-epoch-ms", find(text, "^start-epoch-ms=(\\d+)"),
                "achieved", find(text, "achieved=([0-9.]+)"),
                "failed", find(text, " failed=(\\d+)"),
                "p99", find(text, "^latency ms: .*p99=([0-9.]+)"));
    }

    private static String find(CharSequence text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in the generator's output:\n" + text);
        }
        return m.group(1);
    }

    /** Waits until the channel has no pending, processing or retrying message (polled every 0.2 s). */
    private void drain(String channel) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (number(
                        "select count(*) from inbox_message where channel_key = ?"
                                + " and status in ('pending', 'processing', 'retrying')",
                        channel)
                > 0) {
            ownQueries++;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("channel " + channel + " not drained within 10 minutes");
            }
            Thread.sleep(200);
        }
        ownQueries++;
    }

    /** xact_commit, xact_rollback of the benchmark database. */
    private long[] databaseCounters() throws Exception {
        ownQueries++;
        try (PreparedStatement ps = db.prepareStatement(
                        "select xact_commit, xact_rollback from pg_stat_database where datname = current_database()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private long number(String sql, String param) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long cpuMillis(List<Instances.Instance> jvms) {
        return jvms.stream()
                .mapToLong(i -> i.process()
                        .info()
                        .totalCpuDuration()
                        .map(Duration::toMillis)
                        .orElse(0L))
                .sum();
    }

    /** CPU time of every PostgreSQL process alive now (a backend that ended meanwhile is not counted). */
    private static long postgresCpuMillis() {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L))
                .sum();
    }

    private void print(String line) throws IOException {
        System.out.println(line);
        Files.writeString(out, line + "\n", StandardOpenOption.APPEND);
    }
}
