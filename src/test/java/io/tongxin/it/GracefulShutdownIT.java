package io.tongxin.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as real processes on PostgreSQL (its own database, {@code <test db>_it}):
 * instance A is stopped with SIGTERM while it is sending through a slow bridge (a local HTTP
 * server); its in-flight sends finish and are recorded, the rest of its claims are released at
 * once (not after the lease); instance B then sends everything left. Every message reaches the
 * bridge exactly once.
 */
class GracefulShutdownIT {

    static final String TOKEN = "it-admin-token";
    static final String DB = System.getenv().getOrDefault("TONGXIN_TEST_DB", "tongxin_test") + "_it";
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;
    static final int OPINIONS = 30; // two notices each: the reporter and the member

    final List<String> received = new CopyOnWriteArrayList<>();
    final List<Process> processes = new ArrayList<>();
    HttpServer bridge;
    ExecutorService bridgeThreads;

    @BeforeEach
    void startBridge() throws IOException {
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        bridgeThreads = Executors.newFixedThreadPool(16);
        bridge.setExecutor(bridgeThreads);
        bridge.createContext("/send", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(300); // a slow platform: sends are in flight when the instance is stopped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(ok);
            }
        });
        bridge.start();
    }

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
        bridge.stop(0);
        bridgeThreads.shutdownNow();
    }

    @Test
    void shouldFinishInFlightSendsReleaseClaimsOnSigtermAndLetAnotherInstanceSendTheRest() throws Exception {
        int portA = freePort();
        Process a = start("a", portA, true);
        String channel = "it-bridge-" + System.currentTimeMillis();
        setUp(portA, channel);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(received.size() >= 10, "instance A started sending");
        a.destroy(); // SIGTERM
        assertTrue(a.waitFor(30, TimeUnit.SECONDS), "instance A stopped within the shutdown grace");

        int total = OPINIONS * 2;
        Map<String, Integer> byStatus = statuses(channel);
        assertEquals(total, byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus.toString());
        int sentByA = byStatus.getOrDefault("sent", 0);
        assertTrue(sentByA < total, "stopped mid-work: " + byStatus);
        assertEquals(sentByA, received.size(), "every send the bridge received is recorded as sent, none is lost");
        assertEquals(0, count("select count(*) from outbox_message where channel_key = ? and status <> 'sent'"
                + " and claimed_by is not null", channel), "the unsent claims were released on shutdown");

        Process b = start("b", freePort(), false);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (statuses(channel).getOrDefault("sent", 0) < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(Map.of("sent", total), statuses(channel));
        assertEquals(total, received.size(), "no message was sent twice");
        assertEquals(total, new HashSet<>(received).size(), "each message exactly once");
        b.destroy();
        assertTrue(b.waitFor(30, TimeUnit.SECONDS));
    }

    private Process start(String name, int port, boolean cleanDatabase) throws Exception {
        String jar = System.getProperty("tongxin.it.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx512m", "-jar", jar);
        Map<String, String> env = pb.environment();
        env.put("TONGXIN_DB_URL", JDBC);
        env.put("TONGXIN_ADMIN_TOKEN", TOKEN);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", Boolean.toString(cleanDatabase));
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("TONGXIN_OUTBOX_LIMITS_BRIDGE", "none");
        env.put("TONGXIN_INBOX_PURGE_EVERY", "off");
        env.put("TONGXIN_OUTBOX_PURGE_EVERY", "off");
        File log = new File("target/it-instance-" + name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        processes.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("instance " + name + " exited; see " + log);
            }
            try {
                if (given().baseUri("http://127.0.0.1:" + port).get("/q/health/ready").statusCode() == 200) {
                    return p;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + name + " did not become ready; see " + log);
    }

    /** A bridge channel to the local server, a community with one member, and residents reachable on it. */
    private void setUp(int port, String channel) {
        api(port).body(Map.of("key", channel, "type", "bridge", "name", "桥接", "secret", "it-bridge-secret-000001",
                "sendUrl", "http://127.0.0.1:" + bridge.getAddress().getPort() + "/send")).post("/api/channels").then()
                .statusCode(201);
        api(port).body(Map.of("code", "it-ws", "name", "工作站")).post("/api/workstations").then().statusCode(201);
        api(port).body(Map.of("code", "it-com", "name", "社区", "councilName", "协商议事会", "workstationCode", "it-ws")).post("/api/communities")
                .then().statusCode(201);
        api(port).body(Map.of("code", "it-sec", "name", "界别")).post("/api/sectors").then().statusCode(201);
        api(port).body(Map.of("code", "it-m", "name", "王建国", "level", "county", "sectorCode", "it-sec",
                "communityCodes", List.of("it-com"), "capacity", 1000, "identities",
                List.of(Map.of("channelKey", channel, "userId", "wxid_it_member")))).post("/api/members").then()
                .statusCode(201);
        for (int i = 0; i < OPINIONS; i++) {
            api(port).body(Map.of("code", "it-r-" + i, "channelKey", channel, "userId", "wxid_it_r" + i,
                    "displayName", "居民" + i)).post("/api/residents").then().statusCode(201);
            Map<String, Object> opinion = new HashMap<>(Map.of("text", "楼道灯坏了 " + i, "communityCode", "it-com",
                    "residentCode", "it-r-" + i));
            api(port).body(opinion).post("/api/opinions").then().statusCode(201);
        }
    }

    private static RequestSpecification api(int port) {
        return given().baseUri("http://127.0.0.1:" + port).contentType(ContentType.JSON).log().ifValidationFails()
                .header("Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, Integer> statuses(String channel) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        try (Connection c = DriverManager.getConnection(JDBC, "tongxin", "tongxin");
                PreparedStatement ps = c.prepareStatement(
                        "select status, count(*) from outbox_message where channel_key = ? group by status")) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return m;
    }

    private static int count(String sql, String channel) throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC, "tongxin", "tongxin");
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
