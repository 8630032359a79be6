package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    static final int OPINIONS = 30; // two notices each: the reporter and the member

    final Instances instances = new Instances();
    BridgeStub bridge;
    List<String> received;

    @BeforeEach
    void startBridge() throws IOException {
        bridge = new BridgeStub(300); // a slow platform: sends are in flight when the instance is stopped
        received = bridge.received;
    }

    @AfterEach
    void stopAll() {
        instances.close();
        bridge.close();
    }

    @Test
    void shouldFinishInFlightSendsReleaseClaimsOnSigtermAndLetAnotherInstanceSendTheRest() throws Exception {
        Map<String, String> settings = Map.of("TONGXIN_OUTBOX_LIMITS_BRIDGE", "none");
        Instances.Instance a = instances.start("shutdown-a", true, settings);
        String channel = "it-bridge-" + System.currentTimeMillis();
        setUp(a, channel);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(received.size() >= 10, "instance A started sending");
        a.process().destroy(); // SIGTERM
        assertTrue(a.process().waitFor(30, TimeUnit.SECONDS), "instance A stopped within the shutdown grace");

        int total = OPINIONS * 2;
        Map<String, Integer> byStatus = statuses(channel);
        assertEquals(
                total, byStatus.values().stream().mapToInt(Integer::intValue).sum(), byStatus.toString());
        int sentByA = byStatus.getOrDefault("sent", 0);
        assertTrue(sentByA < total, "stopped mid-work: " + byStatus);
        assertEquals(sentByA, received.size(), "every send the bridge received is recorded as sent, none is lost");
        assertEquals(
                0,
                Instances.number(
                        "select count(*) from outbox_message where channel_key = ? and status <> 'sent'"
                                + " and claimed_by is not null",
                        channel),
                "the unsent claims were released on shutdown");

        Instances.Instance b = instances.start("shutdown-b", false, settings);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (statuses(channel).getOrDefault("sent", 0) < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(Map.of("sent", total), statuses(channel));
        assertEquals(total, received.size(), "no message was sent twice");
        assertEquals(total, new HashSet<>(received).size(), "each message exactly once");
        b.process().destroy();
        assertTrue(b.process().waitFor(30, TimeUnit.SECONDS));
    }

    /** A bridge channel to the local server, a community with one member, and residents reachable on it. */
    private void setUp(Instances.Instance i, String channel) {
        new BridgeWorld(i, "it", channel)
                .channel("it-bridge-secret-000001", bridge.sendUrl())
                .community()
                .member("it-m", "王建国", 1000, "wxid_it_member");
        for (int n = 0; n < OPINIONS; n++) {
            i.api()
                    .body(Map.of(
                            "code",
                            "it-r-" + n,
                            "channelKey",
                            channel,
                            "userId",
                            "wxid_it_r" + n,
                            "displayName",
                            "居民" + n))
                    .post("/api/residents")
                    .then()
                    .statusCode(201);
            i.api()
                    .body(Map.of("text", "楼道灯坏了 " + n, "communityCode", "it-com", "residentCode", "it-r-" + n))
                    .post("/api/opinions")
                    .then()
                    .statusCode(201);
        }
    }

    private static Map<String, Integer> statuses(String channel) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (String status : Instances.strings("select status from outbox_message where channel_key = ?", channel)) {
            m.merge(status, 1, Integer::sum);
        }
        return m;
    }
}
