package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Platforms down for a bounded "minutes" (scaled down: the backoff is configured short) while two
 * instances share the outbox: the WeCom API answers HTTP 502 and {@code errcode -1} (system busy)
 * alternately, then recovers and at once rejects the old access token (42001); a bridge's
 * {@code sendUrl} answers 503 for longer than the attempt limit lasts.
 *
 * <p>Asserted: the retries of each message keep the exponential backoff (attempt times in
 * {@code outbox_attempt}); after recovery every WeCom notice is delivered exactly once and the per-user
 * rate limit holds across both instances; the 42001 costs one {@code gettoken} shared by both instances
 * (the {@code outbox_access_token} row), not one per instance or message; the bridge messages are
 * {@code dead} after the attempt limit with the platform's answer as the reason, and were never
 * delivered.
 */
class PlatformOutageIT {

    static final String SECRET = "it-bridge-secret-000172";
    static final String CHAT = "it-outage@chatroom";
    static final int REPORTS = 10;
    static final int MAX_ATTEMPTS = 8;
    static final Duration BACKOFF = Duration.ofSeconds(1);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    /**
     * The WeCom outage, counted from the moment every notice is queued; the attempt limit (1+2+4+8+8+8+8 s
     * of backoff, less up to 20 % jitter) outlasts it.
     */
    static final Duration WECOM_DOWN = Duration.ofSeconds(12);
    /** Per-user rate limit after recovery. */
    static final int LIMIT = 3;

    static final Duration WINDOW = Duration.ofSeconds(5);

    final Instances instances = new Instances();
    HttpServer stub;

    final AtomicBoolean wecomUp = new AtomicBoolean();
    final AtomicInteger gettoken = new AtomicInteger();
    final AtomicInteger rejectedOldToken = new AtomicInteger();
    final AtomicInteger failedSends = new AtomicInteger();
    final List<Instant> delivered = new CopyOnWriteArrayList<>();
    final Map<String, Integer> deliveredTexts = new ConcurrentHashMap<>();
    final AtomicInteger bridgeCalls = new AtomicInteger();

    @AfterEach
    void stopAll() {
        instances.close();
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void shouldBackOffThenDeliverOnceWithinTheRateLimitAndRefreshTheTokenOnceForAllInstances() throws Exception {
        startStub();
        Map<String, String> settings = new HashMap<>(Map.of(
                "TONGXIN_OUTBOX_POLL_INTERVAL",
                "PT0.5S",
                "TONGXIN_OUTBOX_BACKOFF_INITIAL",
                "PT" + BACKOFF.toSeconds() + "S",
                "TONGXIN_OUTBOX_BACKOFF_MAX",
                "PT" + BACKOFF_MAX.toSeconds() + "S",
                "TONGXIN_OUTBOX_MAX_ATTEMPTS",
                Integer.toString(MAX_ATTEMPTS),
                "TONGXIN_OUTBOX_LIMITS_WECOM_APP",
                LIMIT + "/" + WINDOW.toSeconds() + "s",
                "TONGXIN_OUTBOX_LIMITS_BRIDGE",
                "none",
                // every bot reply goes through the outbox (to the bridge), none in the webhook's answer
                "TONGXIN_WEBHOOK_REPLY_BUDGET",
                "PT0S"));
        Instances.Instance a = instances.start("outage-a", true, settings);
        Instances.Instance b = instances.start("outage-b", false, settings);
        String bridgeChannel = "it-out-br-" + System.currentTimeMillis();
        String wecomChannel = "it-out-wc-" + System.currentTimeMillis();
        setUp(a, bridgeChannel, wecomChannel);

        // reports to both instances while both platforms are down
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int n = 0; n < REPORTS; n++) {
            BridgeClient.post(n % 2 == 0 ? a : b, bridgeChannel, SECRET, CHAT, 1000 + n, acknowledged);
        }
        assertEquals(REPORTS, acknowledged.size());
        long queued = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count("select count(*) from outbox_message where channel_key = ?", wecomChannel) < REPORTS
                && System.nanoTime() < queued) {
            Thread.sleep(100);
        }
        Thread.sleep(WECOM_DOWN.toMillis());
        wecomUp.set(true); // back, and the token issued before the outage is rejected from now on

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline
                && (count(
                                        "select count(*) from outbox_message where channel_key = ? and status <> 'sent'",
                                        wecomChannel)
                                > 0
                        || count(
                                        "select count(*) from outbox_message where channel_key = ? and status <> 'dead'",
                                        bridgeChannel)
                                > 0
                        || count("select count(*) from outbox_message where channel_key = ?", wecomChannel)
                                < REPORTS)) {
            Thread.sleep(250);
        }

        // WeCom: each notice delivered exactly once, after the outage
        assertEquals(
                REPORTS,
                count("select count(*) from outbox_message where channel_key = ? and status = 'sent'", wecomChannel));
        assertEquals(REPORTS, delivered.size(), "one successful platform call per notice: " + deliveredTexts);
        assertEquals(REPORTS, deliveredTexts.size(), "each notice's text once");
        // the rate limit paces attempts during the outage too (LIMIT per WINDOW), so how many notices were
        // tried before it ended depends on the machine's speed: at least one full window of them failed
        assertTrue(failedSends.get() >= LIMIT, "the outage was felt: " + failedSends.get() + " failed calls");
        // one refresh for the rejected token, shared by both instances (plus the first fetch)
        assertEquals(2, gettoken.get(), "gettoken calls: the first token and one refresh");
        assertTrue(rejectedOldToken.get() >= 1, "the old token was rejected after recovery");

        // the rate limit held after recovery, across both instances (a send may land up to 1 s after its slot)
        List<Instant> times = new ArrayList<>(delivered);
        times.sort(null);
        for (int i = 0; i < times.size(); i++) {
            int inWindow = 0;
            for (Instant t : times) {
                if (!t.isBefore(times.get(i))
                        && t.isBefore(times.get(i).plus(WINDOW).minusSeconds(1))) {
                    inWindow++;
                }
            }
            assertTrue(inWindow <= LIMIT, inWindow + " deliveries within " + WINDOW + " from " + times.get(i));
        }

        // backoff: a failed attempt starts at least the backoff for its failure count (less the jitter) after the
        // previous failure
        List<String> tooEarly = new ArrayList<>();
        int gaps = 0;
        for (long id : OutageWorld.ids(wecomChannel)) {
            gaps += OutageWorld.checkBackoff(id, BACKOFF, BACKOFF_MAX, tooEarly);
        }
        for (long id : OutageWorld.ids(bridgeChannel)) {
            gaps += OutageWorld.checkBackoff(id, BACKOFF, BACKOFF_MAX, tooEarly);
        }
        assertTrue(gaps >= REPORTS * 2, "enough retries to judge: " + gaps);
        assertTrue(tooEarly.isEmpty(), "retried before its backoff: " + tooEarly);

        // the bridge never recovered within the attempt limit: dead, with the reason, never delivered
        long bridgeMessages = count("select count(*) from outbox_message where channel_key = ?", bridgeChannel);
        assertTrue(bridgeMessages >= REPORTS, "a reply per report: " + bridgeMessages);
        assertEquals(
                bridgeMessages,
                count(
                        "select count(*) from outbox_message where channel_key = ? and status = 'dead' and attempts = "
                                + MAX_ATTEMPTS
                                + " and last_error_code like '%503%' and last_error like '%not logged in%'",
                        bridgeChannel),
                "dead after " + MAX_ATTEMPTS + " attempts with the platform's answer");
        assertEquals(bridgeMessages * MAX_ATTEMPTS, bridgeCalls.get(), "one call per attempt, none after dead");
        System.out.printf(
                "PlatformOutageIT figures: notices=%d failedCalls=%d gettoken=%d oldTokenRejected=%d backoffGaps=%d"
                        + " bridgeDead=%d bridgeCalls=%d%n",
                REPORTS,
                failedSends.get(),
                gettoken.get(),
                rejectedOldToken.get(),
                gaps,
                bridgeMessages,
                bridgeCalls.get());
    }

    private void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        stub.setExecutor(Executors.newFixedThreadPool(16));
        AtomicInteger downCalls = new AtomicInteger();
        stub.createContext("/cgi-bin/gettoken", ex -> {
            int n = gettoken.incrementAndGet();
            OutageWorld.answer(
                    ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"T" + n + "\",\"expires_in\":7200}");
        });
        stub.createContext("/cgi-bin/message/send", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = ex.getRequestURI().getRawQuery();
            if (!wecomUp.get()) {
                failedSends.incrementAndGet();
                if (downCalls.incrementAndGet() % 2 == 0) {
                    OutageWorld.answer(ex, 502, "<html>Bad Gateway</html>");
                } else {
                    OutageWorld.answer(ex, 200, "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
                }
                return;
            }
            if (query != null && query.contains("access_token=T1")) {
                rejectedOldToken.incrementAndGet();
                OutageWorld.answer(ex, 200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
                return;
            }
            delivered.add(Instant.now());
            deliveredTexts.merge(body, 1, Integer::sum);
            OutageWorld.answer(ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m" + delivered.size() + "\"}");
        });
        stub.createContext("/bridge/send", ex -> {
            ex.getRequestBody().readAllBytes();
            bridgeCalls.incrementAndGet();
            OutageWorld.answer(ex, 503, "{\"error\":\"not logged in\"}");
        });
        stub.start();
    }

    private static long count(String sql, String channel) throws Exception {
        return Instances.number(sql, channel);
    }

    private void setUp(Instances.Instance i, String bridgeChannel, String wecomChannel) {
        String base = "http://127.0.0.1:" + stub.getAddress().getPort();
        OutageWorld.bridgeChannel(i, bridgeChannel, SECRET, base + "/bridge/send");
        OutageWorld.wecomChannel(i, wecomChannel, base);
        OutageWorld.community(i);
        OutageWorld.group(i, "it-grp", bridgeChannel, CHAT);
        OutageWorld.member(i, wecomChannel, "it_member");
    }
}
