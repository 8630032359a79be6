package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Platforms that give no answer at all, where {@link PlatformOutageIT}'s answer with an error: the
 * WeCom API's port first closed (every call refused), then open but never answering a
 * {@code message/send} (every send runs into the request timeout, 1 s here), then back; one bridge's
 * {@code sendUrl} refused throughout and another's accepting connections but never answering, for
 * longer than the attempt limit lasts.
 *
 * <p>Asserted: every notice failed while WeCom was refused ({@code token-io}: the {@code gettoken} call
 * comes first) and while it hung ({@code timeout}), kept the backoff between attempts, and was delivered exactly once after
 * recovery, with one {@code gettoken} in all; the bridge messages are {@code dead} after exactly the
 * attempt limit with the reason ({@code io} / {@code ConnectException}, {@code timeout} / no answer),
 * one request per attempt and none after {@code dead}.
 */
class PlatformUnreachableIT {

    private static final Logger LOG = Logger.getLogger(PlatformUnreachableIT.class);

    static final String SECRET = "it-bridge-secret-000173";
    static final String CHAT_REFUSED = "it-unr-refused@chatroom";
    static final String CHAT_HANGING = "it-unr-hanging@chatroom";
    static final int REPORTS = 6;
    static final int MAX_ATTEMPTS = 10;
    static final Duration BACKOFF = Duration.ofSeconds(1);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** Each WeCom phase lasts at least this long after every notice is queued... */
    static final Duration PHASE = Duration.ofSeconds(3);
    /**
     * ...and until every notice has failed in it, unless a notice is this close to its attempt limit
     * (then the phase ends early and the assertions say so).
     */
    static final int MARGIN = 3;

    final Instances instances = new Instances();
    final CountDownLatch release = new CountDownLatch(1);
    final List<Socket> held = new CopyOnWriteArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer wecom;
    ServerSocket hanging;

    volatile boolean wecomUp;
    final AtomicInteger gettoken = new AtomicInteger();
    final AtomicInteger hungSends = new AtomicInteger();
    final AtomicInteger hangingBridgeCalls = new AtomicInteger();
    final Map<String, Integer> deliveredTexts = new ConcurrentHashMap<>();
    final AtomicInteger delivered = new AtomicInteger();

    @AfterEach
    void stopAll() throws IOException {
        instances.close();
        release.countDown();
        if (wecom != null) {
            wecom.stop(0);
        }
        if (hanging != null) {
            hanging.close();
        }
        for (Socket s : held) {
            s.close();
        }
        threads.shutdownNow();
    }

    @Test
    void shouldRetryRefusedAndHangingCallsWithBackoffThenDeliverOnceOrDeadLetterWithTheReason() throws Exception {
        int wecomPort = Instances.freePort(); // nothing listens here until the refused phase ends
        int refusedPort = Instances.freePort(); // nothing ever listens here
        startHangingBridge();
        Map<String, String> settings = Map.ofEntries(
                Map.entry("TONGXIN_OUTBOX_POLL_INTERVAL", "PT0.5S"),
                Map.entry("TONGXIN_OUTBOX_BACKOFF_INITIAL", "PT" + BACKOFF.toSeconds() + "S"),
                Map.entry("TONGXIN_OUTBOX_BACKOFF_MAX", "PT" + BACKOFF_MAX.toSeconds() + "S"),
                Map.entry("TONGXIN_OUTBOX_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS)),
                Map.entry("TONGXIN_OUTBOX_REQUEST_TIMEOUT", "PT" + REQUEST_TIMEOUT.toSeconds() + "S"),
                Map.entry("TONGXIN_OUTBOX_CONNECT_TIMEOUT", "PT" + REQUEST_TIMEOUT.toSeconds() + "S"),
                Map.entry("TONGXIN_OUTBOX_LIMITS_WECOM_APP", "none"),
                Map.entry("TONGXIN_OUTBOX_LIMITS_BRIDGE", "none"),
                // every bot reply goes through the outbox (to the bridges), none in the webhook's answer
                Map.entry("TONGXIN_WEBHOOK_REPLY_BUDGET", "PT0S"));
        Instances.Instance a = instances.start("unreachable", true, settings);
        long stamp = System.currentTimeMillis();
        String refusedBridge = "it-unr-br1-" + stamp;
        String hangingBridge = "it-unr-br2-" + stamp;
        String wecomChannel = "it-unr-wc-" + stamp;
        OutageWorld.bridgeChannel(a, refusedBridge, SECRET, "http://127.0.0.1:" + refusedPort + "/send");
        OutageWorld.bridgeChannel(a, hangingBridge, SECRET, "http://127.0.0.1:" + hanging.getLocalPort() + "/send");
        OutageWorld.wecomChannel(a, wecomChannel, "http://127.0.0.1:" + wecomPort);
        OutageWorld.community(a);
        OutageWorld.group(a, "it-grp-1", refusedBridge, CHAT_REFUSED);
        OutageWorld.group(a, "it-grp-2", hangingBridge, CHAT_HANGING);
        OutageWorld.member(a, wecomChannel, "it_member");

        // reports in both groups while WeCom's port is closed
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int n = 0; n < REPORTS; n++) {
            boolean first = n % 2 == 0;
            BridgeClient.post(
                    a,
                    first ? refusedBridge : hangingBridge,
                    SECRET,
                    first ? CHAT_REFUSED : CHAT_HANGING,
                    2000 + n,
                    acknowledged);
        }
        assertEquals(REPORTS, acknowledged.size());
        long queued = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count("select count(*) from outbox_message where channel_key = ?", wecomChannel) < REPORTS
                && System.nanoTime() < queued) {
            Thread.sleep(100);
        }
        assertEquals(REPORTS, count("select count(*) from outbox_message where channel_key = ?", wecomChannel));

        // phase 1: refused, until every notice failed with `io`; phase 2: open, sends never answered
        String refusedPhase = phase(wecomChannel, "%io"); // `token-io`: the gettoken call comes first
        startWecom(wecomPort);
        String hangingPhase = phase(wecomChannel, "timeout");
        wecomUp = true;

        Progress.awaitWhileChanging(
                Duration.ofSeconds(60),
                () -> List.of(
                        count(
                                "select count(*) from outbox_message where channel_key = ? and status = 'sent'",
                                wecomChannel),
                        count(
                                "select count(*) from outbox_message where channel_key like ? and status = 'dead'",
                                "it-unr-br_-" + stamp),
                        count("select count(*) from outbox_message where channel_key like ?", "it-unr-br_-" + stamp),
                        count(
                                "select count(*) from outbox_attempt t join outbox_message m on m.id = t.message_id"
                                        + " where m.channel_key like ?",
                                "it-unr-%-" + stamp)),
                s -> s.get(0) == REPORTS && s.get(1).equals(s.get(2)) && s.get(2) >= REPORTS);
        Thread.sleep(2000); // nothing more may be tried after `dead`
        LOG.infof("WeCom refused phase: %s; hanging phase: %s", refusedPhase, hangingPhase);

        // WeCom: each notice failed in both phases, then went exactly once
        List<String> notFailed = new ArrayList<>();
        for (long id : OutageWorld.ids(wecomChannel)) {
            for (String code : List.of("%io", "timeout")) {
                if (failures(id, code) == 0) {
                    notFailed.add(id + " never " + code);
                }
            }
        }
        assertTrue(
                notFailed.isEmpty(),
                "every notice failed while refused and while hanging: " + notFailed + " (phases: " + refusedPhase + "; "
                        + hangingPhase + ")");
        assertEquals(
                REPORTS,
                count("select count(*) from outbox_message where channel_key = ? and status = 'sent'", wecomChannel),
                "every notice sent after recovery");
        assertEquals(REPORTS, delivered.get(), "one answered send per notice: " + deliveredTexts);
        assertEquals(REPORTS, deliveredTexts.size(), "each notice's text once");
        assertTrue(hungSends.get() >= REPORTS, "sends that got no answer: " + hungSends.get());
        assertEquals(1, gettoken.get(), "one token, fetched once the port opened, used after recovery");

        // backoff between failures, for WeCom and both bridges
        List<String> tooEarly = new ArrayList<>();
        int gaps = 0;
        for (String channel : List.of(wecomChannel, refusedBridge, hangingBridge)) {
            for (long id : OutageWorld.ids(channel)) {
                gaps += OutageWorld.checkBackoff(id, BACKOFF, BACKOFF_MAX, tooEarly);
            }
        }
        assertTrue(gaps >= REPORTS * 2, "enough retries to judge: " + gaps);
        assertTrue(tooEarly.isEmpty(), "retried before its backoff: " + tooEarly);

        // bridges: dead after exactly the attempt limit, with what went wrong
        long refusedMessages = count("select count(*) from outbox_message where channel_key = ?", refusedBridge);
        long hangingMessages = count("select count(*) from outbox_message where channel_key = ?", hangingBridge);
        assertTrue(refusedMessages >= REPORTS / 2 && hangingMessages >= REPORTS / 2, "a reply per report");
        assertEquals(
                refusedMessages,
                count(
                        "select count(*) from outbox_message where channel_key = ? and status = 'dead' and attempts = "
                                + MAX_ATTEMPTS + " and last_error_code = 'io' and last_error like '%ConnectException%'",
                        refusedBridge),
                "refused bridge: dead after " + MAX_ATTEMPTS + " attempts, reason: connection refused");
        assertEquals(
                hangingMessages,
                count(
                        "select count(*) from outbox_message where channel_key = ? and status = 'dead' and attempts = "
                                + MAX_ATTEMPTS + " and last_error_code = 'timeout' and last_error like '%no answer%'",
                        hangingBridge),
                "hanging bridge: dead after " + MAX_ATTEMPTS + " attempts, reason: no answer");
        assertEquals(
                refusedMessages * MAX_ATTEMPTS,
                count(
                        "select count(*) from outbox_attempt t join outbox_message m on m.id = t.message_id"
                                + " where m.channel_key = ?",
                        refusedBridge),
                "one recorded attempt per try");
        assertEquals(
                hangingMessages * MAX_ATTEMPTS, hangingBridgeCalls.get(), "one request per attempt, none after dead");
        System.out.printf(
                "PlatformUnreachableIT figures: notices=%d delivered=%d hungSends=%d gettoken=%d backoffGaps=%d"
                        + " refusedBridgeDead=%d hangingBridgeDead=%d hangingBridgeCalls=%d; %s; %s%n",
                REPORTS,
                delivered.get(),
                hungSends.get(),
                gettoken.get(),
                gaps,
                refusedMessages,
                hangingMessages,
                hangingBridgeCalls.get(),
                refusedPhase,
                hangingPhase);
    }

    /**
     * Lets one WeCom phase run: at least {@link #PHASE}, until every notice has a failure whose code is
     * {@code like} the pattern, or early when a notice is within {@link #MARGIN} failures of the attempt limit.
     */
    private String phase(String wecomChannel, String code) throws Exception {
        long start = System.nanoTime();
        while (true) {
            Thread.sleep(200);
            long waited = System.nanoTime() - start;
            long withFailure = count(
                    "select count(distinct t.message_id) from outbox_attempt t join outbox_message m on m.id ="
                            + " t.message_id where m.channel_key = ? and t.error_code like '" + code + "'",
                    wecomChannel);
            long most =
                    count("select coalesce(max(failures), 0) from outbox_message where channel_key = ?", wecomChannel);
            if (most >= MAX_ATTEMPTS - MARGIN) {
                return code + " phase cut short after " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms: a notice has "
                        + most + " failures; " + withFailure + " of " + REPORTS + " failed with " + code;
            }
            if (waited >= PHASE.toNanos() && withFailure == REPORTS) {
                return code + " phase " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms, every notice failed with "
                        + code + ", at most " + most + " failures each";
            }
        }
    }

    private long failures(long messageId, String code) throws Exception {
        return count(
                "select count(*) from outbox_attempt where message_id = cast(? as bigint) and error_code like '" + code
                        + "'",
                Long.toString(messageId));
    }

    /** The WeCom API once its port opens: the token at once; sends hang until {@link #wecomUp}, then succeed. */
    private void startWecom(int port) throws IOException {
        wecom = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        wecom.setExecutor(threads);
        wecom.createContext("/cgi-bin/gettoken", ex -> {
            int n = gettoken.incrementAndGet();
            OutageWorld.answer(
                    ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"T" + n + "\",\"expires_in\":7200}");
        });
        wecom.createContext("/cgi-bin/message/send", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!wecomUp) {
                hungSends.incrementAndGet();
                try {
                    release.await(5, TimeUnit.MINUTES); // accepted, read, never answered
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
                return;
            }
            int n = delivered.incrementAndGet();
            deliveredTexts.merge(body, 1, Integer::sum);
            OutageWorld.answer(ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m" + n + "\"}");
        });
        wecom.start();
    }

    /** A bridge send endpoint that accepts each connection, reads the request and never answers. */
    private void startHangingBridge() throws IOException {
        hanging = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!hanging.isClosed()) {
                try {
                    Socket s = hanging.accept();
                    held.add(s);
                    threads.submit(() -> readHead(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void readHead(Socket s) {
        try {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    if (head.toString().startsWith("POST /send ")) {
                        hangingBridgeCalls.incrementAndGet();
                    }
                    return; // and never answer
                }
            }
        } catch (IOException closed) {
            // the client gave up
        }
    }

    private static long count(String sql, String param) throws Exception {
        return Instances.number(sql, param);
    }
}
