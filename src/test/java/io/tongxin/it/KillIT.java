package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} while residents are reporting: instance A is killed while signed bridge messages
 * arrive and are being filed. Every message A acknowledged is in the inbox (nothing accepted is
 * lost); instance B takes over A's unfinished work once its leases expire, and every message becomes
 * exactly one opinion with exactly one notice to the member (nothing doubled), whatever A had done.
 */
class KillIT {

    static final String SECRET = "it-bridge-secret-000002";
    static final int MESSAGES = 60;

    final Instances instances = new Instances();
    BridgeStub bridge;

    @BeforeEach
    void startBridge() throws IOException {
        bridge = new BridgeStub(0);
    }

    @AfterEach
    void stopAll() {
        instances.close();
        bridge.close();
    }

    @Test
    void shouldLoseNoAcknowledgedMessageAndDoubleNothingWhenAnInstanceIsKilled() throws Exception {
        // short leases so the survivor takes the dead instance's claims over within seconds
        Map<String, String> settings = Map.of(
                "TONGXIN_INBOX_LEASE",
                "PT3S",
                "TONGXIN_OUTBOX_LEASE",
                "PT3S",
                "TONGXIN_INBOX_POLL_INTERVAL",
                "PT1S",
                "TONGXIN_OUTBOX_LIMITS_BRIDGE",
                "none");
        Instances.Instance a = instances.start("kill-a", true, settings);
        String channel = "it-kill-" + System.currentTimeMillis();
        String chat = "it-residents@chatroom";
        setUp(a, channel, chat);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService residents = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posts = new java.util.ArrayList<>();
            for (int n = 0; n < MESSAGES; n++) {
                int k = n;
                posts.add(residents.submit(() -> BridgeClient.post(a, channel, SECRET, chat, k, acknowledged)));
                if (n == MESSAGES / 2) {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (acknowledged.size() < 15 && System.nanoTime() < until) {
                        Thread.sleep(5);
                    }
                    a.process().destroyForcibly(); // kill -9, mid-stream and mid-processing
                }
            }
            for (Future<?> f : posts) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            residents.shutdownNow();
        }
        assertTrue(a.process().waitFor(10, TimeUnit.SECONDS));
        assertTrue(acknowledged.size() >= 10, "A acknowledged some messages before it died: " + acknowledged.size());

        // nothing acknowledged is lost: the answer came after the durable insert
        List<String> stored = Instances.strings("select dedupe_key from inbox_message where channel_key = ?", channel);
        for (String id : acknowledged) {
            assertTrue(stored.contains("id:" + id), id + " was acknowledged but is not in the inbox");
        }

        Instances.Instance b = instances.start("kill-b", false, settings);
        // the platform retries every message the dead instance did not answer; some twice, as platforms do
        Set<String> retried = ConcurrentHashMap.newKeySet();
        for (int n = 0; n < MESSAGES; n++) {
            if (!acknowledged.contains("it-msg-" + n) || n % 5 == 0) {
                BridgeClient.post(b, channel, SECRET, chat, n, retried);
            }
        }
        assertEquals(
                MESSAGES,
                acknowledged.size()
                        + retried.stream()
                                .filter(id -> !acknowledged.contains(id))
                                .count(),
                "every message acknowledged by A or B");
        Instances.awaitInboxProcessed(channel, Duration.ofSeconds(60));
        assertEquals(
                0,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ?" + " and status <> 'processed'",
                        channel),
                "B finished everything A left behind");
        long inbox = Instances.number("select count(*) from inbox_message where channel_key = ?", channel);
        assertEquals(MESSAGES, inbox, "each message stored once, retries and duplicates included");
        assertEquals(
                inbox,
                Instances.number("select count(*) from opinion_source where channel_key = ?", channel),
                "one opinion per stored message");
        assertEquals(
                inbox,
                Instances.number(
                        "select count(distinct inbox_message_id) from opinion_source" + " where channel_key = ?",
                        channel),
                "no stored message filed twice");
        assertEquals(
                inbox,
                Instances.number(
                        "select count(*) from outbox_message where channel_key = ?"
                                + " and target_id = 'wxid_it_member'",
                        channel),
                "one notice to the member per opinion");
        b.process().destroy();
        assertTrue(b.process().waitFor(30, TimeUnit.SECONDS));
    }

    /** A bridge channel, a residents' group bound to a community, and the member serving it. */
    private void setUp(Instances.Instance i, String channel, String chat) {
        new BridgeWorld(i, "it", channel)
                .channel(SECRET, bridge.sendUrl())
                .community()
                .group("it-grp", "居民群", chat)
                .member("it-m", "王建国", 1000, "wxid_it_member");
    }
}
