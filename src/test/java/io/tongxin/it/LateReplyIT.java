package io.tongxin.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The late-reply gap (issue 17): a reply committed for the webhook's answer whose commit was slow (the
 * webhook gave up waiting and answered without it) and whose follow-up send was interrupted by
 * {@code kill -9}. The reply is durable ({@code inline-pending} plus a row in
 * {@code inbox_reply_pending}); the next instance's poller queues it in the outbox, and the resident
 * gets it exactly once, also when the platform retries the callback in between.
 *
 * <p>The slow commit is produced by the test-only hook {@code TONGXIN_INBOX_TEST_PAUSE_AFTER_REPLY_COMMIT}
 * (off by default): processing sleeps between the commit and the hand-over.
 */
class LateReplyIT {

    static final String SECRET = "it-bridge-secret-000017";
    static final String REPORT = "小区南门的排水沟堵了，下雨天积水很深，老人出门很不方便";

    final Instances instances = new Instances();
    BridgeStub bridge;

    @BeforeEach
    void startBridge() throws Exception {
        bridge = new BridgeStub(0);
    }

    @AfterEach
    void stopAll() {
        instances.close();
        bridge.close();
    }

    @Test
    void shouldSendAReplyWhoseInstanceDiedBetweenItsCommitAndItsHandOverExactlyOnce() throws Exception {
        Map<String, String> common = Map.of(
                "TONGXIN_WEBHOOK_REPLY_BUDGET", "PT1S",
                "TONGXIN_INBOX_PENDING_REPLY_AFTER", "PT4S",
                "TONGXIN_INBOX_POLL_INTERVAL", "PT1S",
                "TONGXIN_INBOX_LEASE", "PT3S",
                "TONGXIN_OUTBOX_LEASE", "PT3S",
                "TONGXIN_OUTBOX_LIMITS_BRIDGE", "none");
        Map<String, String> slow = new java.util.HashMap<>(common);
        // the webhook waits 1 s + the 2 s commit grace, then answers without the reply
        slow.put("TONGXIN_INBOX_TEST_PAUSE_AFTER_REPLY_COMMIT", "PT6S");
        Instances.Instance a = instances.start("late-a", true, slow);
        String channel = "it-late-" + System.currentTimeMillis();
        setUp(a, channel);

        // 1. a slow commit, instance alive: the webhook answers without the reply, processing sends it late
        String survivor = "wxid_it_late_1";
        assertNull(post(a, channel, "late-1", survivor), "the webhook gave up waiting and answered without it");
        awaitDeliveries(survivor, 1);
        assertEquals("outbox", delivery(channel, "late-1"));

        // 2. a slow commit, then kill -9 before the hand-over
        String victim = "wxid_it_late_2";
        assertNull(post(a, channel, "late-2", victim), "answered without the reply");
        a.process().destroyForcibly();
        assertTrue(a.process().waitFor(10, TimeUnit.SECONDS));
        assertEquals("inline-pending", delivery(channel, "late-2"), "committed, given to nobody yet");
        assertEquals(
                1,
                Instances.number(
                        "select count(*) from inbox_reply_pending p join inbox_message m on m.id = p.inbox_message_id"
                                + " where m.channel_key = ?",
                        channel));
        assertEquals(0, deliveries(victim), "the dead instance sent nothing");

        Instances.Instance b = instances.start("late-b", false, common);
        // the platform retries the callback the dead instance answered: the plain acknowledgement, no
        // second copy of the reply (it is still pending, or already queued in the outbox)
        assertNull(post(b, channel, "late-2", victim), "a retry never answers a pending reply inline");
        awaitDeliveries(victim, 1);
        assertEquals("outbox", delivery(channel, "late-2"));
        assertEquals(
                0,
                Instances.number(
                        "select count(*) from inbox_reply_pending p join inbox_message m on m.id = p.inbox_message_id"
                                + " where m.channel_key = ?",
                        channel));
        assertEquals(
                1,
                Instances.number(
                        "select count(*) from outbox_message o join inbox_message m"
                                + " on o.idempotency_key = 'inbox:' || m.id || ':reply'"
                                + " where m.channel_key = ? and m.dedupe_key = 'id:late-2'",
                        channel),
                "queued once");

        // 3. on B without the hook: inline (confirmed as such) or, if B was too slow for the budget on a
        // loaded machine, through the outbox; never both
        String quick = "wxid_it_late_3";
        String reply = post(b, channel, "late-3", quick);
        if (reply != null) {
            assertTrue(reply.contains("静安门社区"), "the inline reply asks for the community: " + reply);
            assertEquals("inline", delivery(channel, "late-3"));
        } else {
            awaitDeliveries(quick, 1);
            assertEquals("outbox", delivery(channel, "late-3"));
        }
        // a last poll cycle or two: nothing of the above is sent again
        Thread.sleep(2_500);
        assertEquals(1, deliveries(survivor));
        assertEquals(1, deliveries(victim));
        assertEquals(reply == null ? 1 : 0, deliveries(quick), "inline or outbox, never both");
    }

    private long deliveries(String userId) {
        return bridge.received.stream().filter(b -> b.contains(userId)).count();
    }

    private void awaitDeliveries(String userId, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deliveries(userId) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(n, deliveries(userId), "deliveries to " + userId + ": " + bridge.received);
    }

    private static String delivery(String channel, String messageId) throws Exception {
        return Instances.strings(
                        "select reply_delivery from inbox_message where channel_key = ? and dedupe_key = 'id:"
                                + messageId + "'",
                        channel)
                .get(0);
    }

    /** A signed direct bridge message with a fixed id (so it can be retried); answers the inline reply or null. */
    private static String post(Instances.Instance to, String channel, String messageId, String userId) {
        String body = "{\"messageId\":\"" + messageId + "\",\"chat\":null,\"sender\":{\"id\":\"" + userId
                + "\",\"name\":\"居民\"},\"text\":\"" + REPORT + "\",\"mentions\":[],\"mentionsBot\":false,"
                + "\"timestamp\":" + System.currentTimeMillis() / 1000 + "}";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        io.restassured.response.Response r = given().baseUri(to.base())
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + hmac(ts, body))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/" + channel);
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath().getString("reply");
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

    private void setUp(Instances.Instance i, String channel) {
        i.api()
                .body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "迟到回复",
                        "secret",
                        SECRET,
                        "sendUrl",
                        bridge.sendUrl()))
                .post("/api/channels")
                .then()
                .statusCode(201);
        i.api()
                .body(Map.of("code", "it-ws", "name", "临夏路街道政协委员工作站"))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        i.api()
                .body(Map.of(
                        "code", "it-com", "name", "静安门社区", "councilName", "静安门社区协商议事会", "workstationCode", "it-ws"))
                .post("/api/communities")
                .then()
                .statusCode(201);
    }
}
