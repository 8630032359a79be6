package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL crashes ({@code pg_ctl stop -m immediate}) and comes back while one instance takes an
 * open-loop load of signed bridge messages (group chatter and reports to the bot, mixed) and its
 * outbox is dispatching the reports' notices. The database is a private cluster of this test's own.
 *
 * <p>Asserted: every webhook answer is 200 or 503 (or a refused/timed-out connection), never 500;
 * {@code /q/health/ready}, polled from a thread of its own with a 2 s timeout per probe, answers 503
 * (DOWN) at least once and never 200 while the database is away, and 200 (UP) after it is back, from
 * the same process (no restart); once the platform has retried what was not acknowledged, every message is in the inbox
 * once and processed, every report is exactly one opinion with one notice; every notice is delivered,
 * and no notice is delivered again after its {@code sent} was recorded (a notice delivered while the
 * database was away, whose {@code sent} could not be recorded, may be delivered again: at-least-once at
 * the platform boundary, docs/outbox.md).
 */
class DatabaseRestartIT {

    private static final Logger LOG = Logger.getLogger(DatabaseRestartIT.class);

    static final String SECRET = "it-bridge-secret-000171";
    static final String CHAT = "it-fault@chatroom";
    /** Offered load (messages per second) and its length; the database is away in the middle. */
    static final int RATE = Integer.getInteger("tongxin.it.fault-rate", 250);

    static final Duration LOAD = Duration.ofSeconds(Long.getLong("tongxin.it.fault-seconds", 11));
    static final Duration CRASH_AT = Duration.ofSeconds(3);
    static final Duration DOWN_FOR = Duration.ofSeconds(4);
    /**
     * The platform's own bound on callbacks in flight: a message due while it is reached is "not sent"
     * then and comes in the retries. With 500 in flight on a loaded machine, every request (readiness
     * probes included) queued for seconds behind the backlog before the database was even touched.
     */
    static final int IN_FLIGHT = Integer.getInteger("tongxin.it.fault-in-flight", 64);
    /** A readiness probe without an answer within this counts as "not UP" (and not as DOWN). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Processing that changes nothing in the database for this long has stalled. */
    static final Duration STALL = Duration.ofSeconds(60);

    final Instances instances = new Instances();
    PrivatePostgres pg;
    HttpServer bridge;
    ReadinessWatch watch;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    record Delivery(String id, Instant at) {}

    @AfterEach
    void stopAll() throws InterruptedException {
        if (watch != null) {
            watch.close();
        }
        instances.close();
        if (bridge != null) {
            bridge.stop(0);
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsAwayAndRecoverWithoutARestartLosingAndDoublingNothing() throws Exception {
        pg = new PrivatePostgres("restart");
        startBridge();
        Map<String, String> settings = Map.ofEntries(
                Map.entry("TONGXIN_DB_URL", pg.jdbc()),
                Map.entry("TONGXIN_INBOX_LEASE", "PT5S"),
                Map.entry("TONGXIN_INBOX_POLL_INTERVAL", "PT1S"),
                Map.entry("TONGXIN_INBOX_INITIAL_BACKOFF", "PT0.5S"),
                Map.entry("TONGXIN_INBOX_MAX_BACKOFF", "PT2S"),
                Map.entry("TONGXIN_INBOX_MAX_ATTEMPTS", "30"),
                Map.entry("TONGXIN_OUTBOX_LEASE", "PT5S"),
                Map.entry("TONGXIN_OUTBOX_BACKOFF_INITIAL", "PT0.5S"),
                Map.entry("TONGXIN_OUTBOX_BACKOFF_MAX", "PT2S"),
                Map.entry("TONGXIN_OUTBOX_MAX_ATTEMPTS", "30"),
                Map.entry("TONGXIN_OUTBOX_LIMITS_BRIDGE", "none"));
        Instances.Instance a = instances.start("dbrestart", true, settings);
        long pid = a.process().pid();
        String channel = "it-db-" + System.currentTimeMillis();
        setUp(a, channel);

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8))
                .build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<Integer, Queue<Long>> latencies = new ConcurrentHashMap<>();
        AtomicInteger connectionErrors = new AtomicInteger();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> unexpected = new CopyOnWriteArrayList<>();

        // readiness, watched all along from a thread of its own, each probe with a short timeout
        watch = new ReadinessWatch(a.base(), PROBE_TIMEOUT, Duration.ofMillis(100));
        AtomicLong crashed = new AtomicLong();
        AtomicLong restarting = new AtomicLong();
        AtomicLong restarted = new AtomicLong();

        // open-loop load: message n every 1/RATE s, whatever the answers; every 5th one a report to the bot
        int total = (int) (RATE * LOAD.toSeconds());
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Set<Integer> notSent = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        Thread outage = new Thread(() -> {
            try {
                Thread.sleep(CRASH_AT.toMillis());
                pg.crash();
                crashed.set(System.nanoTime());
                LOG.infof("PostgreSQL crashed after %d ms of load", millisSince(start));
                Thread.sleep(DOWN_FOR.toMillis());
                restarting.set(System.nanoTime());
                pg.start();
                LOG.infof("PostgreSQL back after %d ms of load", millisSince(start));
            } catch (Exception e) {
                LOG.error("the outage thread failed", e);
            } finally {
                restarted.set(System.nanoTime());
            }
        });
        outage.start();
        for (int n = 0; n < total; n++) {
            long due = start + n * 1_000_000_000L / RATE;
            while (System.nanoTime() < due) {
                Thread.sleep(0, 200_000);
            }
            if (!inFlight.tryAcquire()) {
                notSent.add(n); // the client's own bound; the platform would send it later
                continue;
            }
            int k = n;
            http.sendAsync(request(a, channel, k), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        if (e != null) {
                            connectionErrors.incrementAndGet();
                            return;
                        }
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        latencies
                                .computeIfAbsent(r.statusCode(), s -> new ConcurrentLinkedQueue<>())
                                .add(millisSince(due));
                        if (r.statusCode() == 200) {
                            acknowledged.add(k);
                        } else if (r.statusCode() != 503) {
                            unexpected.add(r.statusCode() + " " + r.body());
                        } else if (!r.headers().firstValue("Retry-After").isPresent()
                                || !r.body().contains("\"status\":503")) {
                            unexpected.add("503 without Retry-After or problem body: " + r.body());
                        }
                    });
        }
        long offeredSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        outage.join();
        assertTrue(crashed.get() != 0 && restarting.get() != 0, "the database was crashed and started again");
        inFlight.acquire(IN_FLIGHT); // every request answered (or failed)
        inFlight.release(IN_FLIGHT);
        String answered = latencies(latencies);
        LOG.infof(
                "offered %d messages in %d s: statuses %s (%s), connection errors %d, not sent (client bound) %d",
                total, offeredSeconds, statuses, answered, connectionErrors.get(), notSent.size());

        assertTrue(unexpected.isEmpty(), "only 200 and 503 (problem+json, Retry-After): " + unexpected);
        assertTrue(statuses.containsKey(503), "the outage was answered 503: " + statuses);
        assertTrue(a.process().isAlive(), "the same process all along");

        // the platform retries whatever was not acknowledged, until it is (32 at a time)
        Semaphore retries = new Semaphore(32);
        for (int round = 0; round < 40 && acknowledged.size() < total; round++) {
            if (round > 0) {
                Thread.sleep(1000); // as a platform would: a pause between rounds of retries
            }
            for (int n = 0; n < total; n++) {
                if (!acknowledged.contains(n)) {
                    retries.acquire();
                    int k = n;
                    http.sendAsync(request(a, channel, k), HttpResponse.BodyHandlers.ofString())
                            .whenComplete((r, e) -> {
                                retries.release();
                                if (r != null && r.statusCode() == 200) {
                                    acknowledged.add(k);
                                } else if (r != null && r.statusCode() != 503) {
                                    unexpected.add("retry: " + r.statusCode() + " " + r.body());
                                }
                            });
                }
            }
            retries.acquire(32);
            retries.release(32);
        }
        assertTrue(unexpected.isEmpty(), "retries: only 200 and 503: " + unexpected);
        assertEquals(total, acknowledged.size(), "every message acknowledged in the end");

        // readiness: DOWN (a real 503, not only probes without an answer) while the database was away,
        // never UP then, and UP again afterwards, all from the same process
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (watch.startedBetween(restarted.get(), System.nanoTime()).stream().noneMatch(p -> p.status() == 200)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        watch.close();
        List<ReadinessWatch.Probe> before = watch.startedBetween(start - TimeUnit.SECONDS.toNanos(60), crashed.get());
        // a probe counts as "while the database was away" only if it was sent and answered (or gave up)
        // between the crash and the start of the restart: one sent just before the restart may be answered
        // after the database is back, and rightly UP
        List<ReadinessWatch.Probe> away = watch.within(crashed.get(), restarting.get());
        List<ReadinessWatch.Probe> after = watch.startedBetween(restarted.get(), System.nanoTime());
        String readiness = "before the crash " + ReadinessWatch.summary(before) + "; database away "
                + ReadinessWatch.summary(away) + "; after the restart " + ReadinessWatch.summary(after)
                + ReadinessWatch.firstUp(after, restarted.get());
        LOG.infof("readiness (timeout %s per probe): %s", PROBE_TIMEOUT, readiness);
        assertTrue(
                away.stream().anyMatch(p -> p.status() == 503), "DOWN (503) while the database was away: " + readiness);
        assertTrue(
                away.stream().noneMatch(p -> p.status() == 200), "never UP while the database was away: " + readiness);
        assertTrue(after.stream().anyMatch(p -> p.status() == 200), "UP again after the restart: " + readiness);
        assertTrue(a.process().isAlive() && a.process().pid() == pid, "the same process all along (pid " + pid + ")");

        int reports = (total + 4) / 5;
        String jdbc = pg.jdbc();
        // processing takes as long as the machine needs: wait while it makes progress
        Progress.awaitWhileChanging(
                STALL,
                () -> List.of(
                        Instances.number(
                                jdbc,
                                "select count(*) from inbox_message where channel_key = ? and status = 'processed'",
                                channel),
                        Instances.number(
                                jdbc,
                                "select count(*) from outbox_message where channel_key = ? and status = 'sent'",
                                channel),
                        Instances.number(jdbc, "select count(*) from outbox_message where channel_key = ?", channel)),
                state -> state.get(0) >= total
                        && state.get(2) >= reports
                        && state.get(1).equals(state.get(2)));
        assertEquals(
                total,
                Instances.number(jdbc, "select count(*) from inbox_message where channel_key = ?", channel),
                "each message stored once");
        assertEquals(
                total,
                Instances.number(
                        jdbc,
                        "select count(distinct platform_message_id) from inbox_message where channel_key = ?",
                        channel),
                "every message id once");
        assertEquals(
                0,
                Instances.number(
                        jdbc,
                        "select count(*) from inbox_message where channel_key = ? and status <> 'processed'",
                        channel),
                "every message processed");
        assertEquals(
                reports,
                Instances.number(
                        jdbc,
                        "select count(distinct inbox_message_id) from opinion_source where channel_key = ?",
                        channel),
                "every report filed");
        assertEquals(
                reports,
                Instances.number(jdbc, "select count(*) from opinion_source where channel_key = ?", channel),
                "once: one opinion per report");
        assertEquals(
                reports,
                Instances.number(
                        jdbc,
                        "select count(*) from outbox_message where channel_key = ? and target_id = 'wxid_it_member'",
                        channel),
                "one notice per opinion");
        assertEquals(
                0,
                Instances.number(
                        jdbc,
                        "select count(*) from outbox_message where channel_key = ? and status <> 'sent'",
                        channel),
                "every notice sent");

        // deliveries: each notice at least once, and never again after its `sent` was recorded
        Map<String, Instant> sentAt = sentAt(jdbc, channel);
        Map<String, Integer> perId = new ConcurrentHashMap<>();
        List<String> afterSent = new ArrayList<>();
        for (Delivery d : deliveries) {
            perId.merge(d.id(), 1, Integer::sum);
            Instant recorded = sentAt.get(d.id());
            if (recorded != null && d.at().isAfter(recorded.plusMillis(50))) {
                afterSent.add(d.id() + " at " + d.at() + ", sent recorded " + recorded);
            }
        }
        for (String id : sentAt.keySet()) {
            assertTrue(perId.containsKey(id), "notice " + id + " recorded sent was delivered");
        }
        long twice = perId.values().stream().filter(c -> c > 1).count();
        LOG.infof(
                "notices: %d recorded sent, %d deliveries, %d delivered more than once (sent but not recorded"
                        + " before the crash)",
                sentAt.size(), deliveries.size(), twice);
        assertTrue(afterSent.isEmpty(), "nothing delivered again after it was recorded sent: " + afterSent);
        System.out.printf(
                "DatabaseRestartIT figures: offered=%d in %d s (rate %d/s, %d in flight) statuses=%s (%s) connectionErrors=%d"
                        + " notSent=%d reports=%d outboxSent=%d deliveries=%d deliveredTwice=%d whole test %d s;"
                        + " readiness: %s%n",
                total,
                offeredSeconds,
                RATE,
                IN_FLIGHT,
                statuses,
                answered,
                connectionErrors.get(),
                notSent.size(),
                reports,
                sentAt.size(),
                deliveries.size(),
                twice,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                readiness);
    }

    /** Per status: p50, p99 and the slowest answer, in ms from the moment the request was due. */
    private static String latencies(Map<Integer, Queue<Long>> latencies) {
        StringBuilder out = new StringBuilder();
        latencies.forEach((status, queue) -> {
            List<Long> ms = new ArrayList<>(queue);
            ms.sort(null);
            out.append(out.length() == 0 ? "" : "; ")
                    .append(status)
                    .append(": p50 ")
                    .append(ms.get(ms.size() / 2))
                    .append(" ms, p99 ")
                    .append(ms.get(Math.min(ms.size() - 1, ms.size() * 99 / 100)))
                    .append(" ms, slowest ")
                    .append(ms.get(ms.size() - 1))
                    .append(" ms");
        });
        return out.toString();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private void startBridge() throws Exception {
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        bridge.setExecutor(Executors.newFixedThreadPool(16));
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        bridge.createContext("/send", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = id.matcher(body);
            deliveries.add(new Delivery(m.find() ? m.group(1) : body, Instant.now()));
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(ok);
            }
        });
        bridge.start();
    }

    /** Outbox id + ".0" (the bridge's delivery id of a one-part notice) to the moment `sent` was recorded. */
    private static Map<String, Instant> sentAt(String jdbc, String channel) throws Exception {
        Map<String, Instant> out = new ConcurrentHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbc, "tongxin", "tongxin");
                PreparedStatement ps = c.prepareStatement(
                        "select id, sent_at from outbox_message where channel_key = ? and status = 'sent'")) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1) + ".0", rs.getTimestamp(2).toInstant()); // parts count from 0
                }
            }
        }
        return out;
    }

    /** Message n: group chatter, or (every 5th) a report that @-mentions the bot. */
    private static HttpRequest request(Instances.Instance to, String channel, int n) {
        boolean report = n % 5 == 0;
        String text = report ? "@同心助手 楼道灯坏了，第" + n + "号楼" : "今天天气不错，第" + n + "条闲聊";
        String body = "{\"messageId\":\"db-" + n + "\",\"chat\":{\"id\":\"" + CHAT + "\",\"name\":\"居民群\"},"
                + "\"sender\":{\"id\":\"wxid_it_r" + n + "\",\"name\":\"居民" + n + "\"},\"text\":\"" + text
                + "\",\"mentions\":" + (report ? "[\"wxid_bot\"]" : "[]") + ",\"mentionsBot\":" + report
                + ",\"timestamp\":" + System.currentTimeMillis() / 1000 + "}";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        return HttpRequest.newBuilder(URI.create(to.base() + "/webhooks/" + channel))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + hmac(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static String hmac(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bridge channel to the counting stub, a residents' group bound to a community, the member serving it. */
    private void setUp(Instances.Instance i, String channel) {
        String sendUrl = "http://127.0.0.1:" + bridge.getAddress().getPort() + "/send";
        new BridgeWorld(i, "it", channel)
                .channel(SECRET, sendUrl)
                .community()
                .group("it-grp", "居民群", CHAT)
                .member("it-m", "王建国", 1000, "wxid_it_member");
    }
}
