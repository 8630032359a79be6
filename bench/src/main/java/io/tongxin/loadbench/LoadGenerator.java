package io.tongxin.loadbench;

import io.tongxin.channel.WechatCrypto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load generator: sends requests at a fixed rate whatever the answers do, and measures each
 * latency from the moment the request was due (so a stalled server cannot hide queueing: no
 * coordinated omission). Targets: {@code webhook} posts correctly signed and encrypted safe-mode
 * Official Account callbacks (unique MsgId each) to /webhooks/{key}; {@code insert} posts to the
 * service's bare insert-one-row endpoint /bench/insert; {@code report} sends the same callbacks after
 * setting up a sector with 20 members (capacity 1000 each, reachable on the bench channel) and a
 * dictionary that files "路灯" under that sector, for a service with the bot on (each message is then
 * a turn of the bot's guided report flow; bench/report-load.sh and {@link ReportLoad} file whole
 * reports end to end).
 *
 * <pre>java -cp bench/target/tongxin-bench.jar io.tongxin.loadbench.LoadGenerator \
 *     --base http://127.0.0.1:18080 --target webhook --rate 500 --seconds 20 --warmup 5 --admin-token T</pre>
 * Loopback only: it refuses any host other than 127.0.0.1 / localhost / ::1.
 */
public final class LoadGenerator {

    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String APP_ID = "wxb11529c136998cb6";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of(
                "base",
                "http://127.0.0.1:18080",
                "target",
                "webhook",
                "rate",
                "500",
                "seconds",
                "20",
                "warmup",
                "5",
                "admin-token",
                "bench-admin-token-0123456789abcde",
                "timeout",
                "10",
                "connections",
                "64"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI base = URI.create(a.get("base"));
        if (!(base.getHost().equals("127.0.0.1")
                || base.getHost().equals("localhost")
                || base.getHost().equals("[::1]"))) {
            throw new IllegalArgumentException("loopback targets only");
        }
        int rate = Integer.parseInt(a.get("rate"));
        int seconds = Math.min(60, Integer.parseInt(a.get("seconds")));
        int warmup = Math.min(30, Integer.parseInt(a.get("warmup")));
        boolean report = a.get("target").equals("report");
        boolean webhook = report || a.get("target").equals("webhook");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String channel = webhook ? createChannel(client, base, a.get("admin-token")) : null;
        if (report) {
            setUpRouting(client, base, a.get("admin-token"), channel);
        }
        if (channel != null) {
            System.out.println("channel=" + channel);
        }
        WechatCrypto crypto = new WechatCrypto(AES_KEY, APP_ID);
        Duration timeout = Duration.ofSeconds(Long.parseLong(a.get("timeout")));

        long total = (long) rate * (warmup + seconds);
        long seq = System.nanoTime();
        // Requests are built (signed and encrypted) before the clock starts, so the sender only sends.
        HttpRequest[] requests = new HttpRequest[(int) total];
        for (int i = 0; i < total; i++) {
            requests[i] = webhook
                    ? webhookRequest(base, channel, crypto, seq + i, timeout)
                    : HttpRequest.newBuilder(base.resolve("/bench/insert"))
                            .timeout(timeout)
                            .POST(HttpRequest.BodyPublishers.ofString("row-" + i))
                            .build();
        }
        openLoop(
                client,
                requests,
                rate,
                (long) rate * warmup,
                seconds,
                a.get("target"),
                timeout,
                Integer.parseInt(a.get("connections")));
        System.exit(0);
    }

    /**
     * Sends {@code requests} at {@code rate}/s whatever the answers do (the first {@code warmupCount}
     * not measured) and prints achieved throughput and latency percentiles, each latency counted from
     * the moment its request was due. Prints {@code start-epoch-ms=} (when the first request was due).
     */
    static void openLoop(
            HttpClient client,
            HttpRequest[] requests,
            int rate,
            long warmupCount,
            int seconds,
            String target,
            Duration timeout,
            int connections) {
        openLoop(client, requests, null, null, rate, warmupCount, seconds, target, timeout, connections);
    }

    /**
     * As above; {@code after[i]}, when not negative, names a request that must be answered before
     * request {@code i} is sent (the turns of one sender: a resident answers the bot's question, so
     * a turn never overtakes the previous one). Its latency counts from its due time or that answer,
     * whichever is later (a resident cannot send before the answer came; the wait for it is the
     * previous request's latency, already counted). {@code report[i]} marks the reports to the bot:
     * their latency (which includes an inline reply when the service waits for one) is also given
     * apart from the other messages'.
     */
    static void openLoop(
            HttpClient client,
            HttpRequest[] requests,
            int[] after,
            boolean[] report,
            int rate,
            long warmupCount,
            int seconds,
            String target,
            Duration timeout,
            int connections) {
        long total = requests.length;
        Recorder recorder = new Recorder(3_600_000_000L, 3);
        Recorder reports = new Recorder(3_600_000_000L, 3);
        Recorder others = new Recorder(3_600_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long periodNanos = 1_000_000_000L / rate;
        // the latency of the requests due in each second of the run, to tell a start-up stall from a steady tail
        Histogram[] perSecond = new Histogram[seconds + 1];
        for (int k = 0; k < perSecond.length; k++) {
            perSecond[k] = new ConcurrentHistogram(3_600_000_000L, 2);
        }
        CompletableFuture<?>[] inflight = new CompletableFuture<?>[(int) Math.min(total, 200_000)];
        // At most this many requests in flight (= open connections). A request that waits for a slot
        // still counts its latency from the moment it was due.
        Semaphore slots = new Semaphore(connections);
        long start = System.nanoTime();
        System.out.println("start-epoch-ms=" + System.currentTimeMillis());
        long measuredStart = start + warmupCount * periodNanos;
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest req = requests[(int) i];
            requests[(int) i] = null;
            boolean measured = i >= warmupCount;
            slots.acquireUninterruptibly();
            CompletableFuture<HttpResponse<String>> f;
            long[] from = {due};
            if (after != null && after[(int) i] >= 0 && inflight[after[(int) i] % inflight.length] != null) {
                f = inflight[after[(int) i] % inflight.length]
                        .handle((r, e) -> null)
                        .thenCompose(x -> {
                            from[0] = Math.max(due, System.nanoTime());
                            return client.sendAsync(req, HttpResponse.BodyHandlers.ofString());
                        });
            } else {
                f = client.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            }
            Recorder kind = report == null ? null : report[(int) i] ? reports : others;
            inflight[(int) (i % inflight.length)] = f.whenComplete((r, e) -> {
                slots.release();
                long latency = System.nanoTime() - from[0];
                if (!measured) {
                    return;
                }
                long micros = Math.min(latency / 1000, 3_600_000_000L);
                recorder.recordValue(micros);
                perSecond[(int) Math.min(perSecond.length - 1, (due - start) / 1_000_000_000L)].recordValue(micros);
                if (kind != null) {
                    kind.recordValue(micros);
                }
                if (e == null && r.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    if (errors.size() < 5) {
                        errors.add(e != null ? e.toString() : r.statusCode() + " " + r.body());
                    }
                }
            });
        }
        long sendEnd = System.nanoTime();
        for (CompletableFuture<?> f : inflight) {
            if (f != null) {
                try {
                    f.get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // counted in whenComplete
                }
            }
        }
        long end = System.nanoTime();
        Histogram h = recorder.getIntervalHistogram();
        double measuredSeconds = (end - measuredStart) / 1e9;
        System.out.printf(
                "target=%s offered=%d/s duration=%ds ok=%d failed=%d achieved=%.1f/s send-lag=%.0fms%n",
                target,
                rate,
                seconds,
                ok.get(),
                failed.get(),
                ok.get() / measuredSeconds,
                (sendEnd - (start + total * periodNanos)) / 1e6);
        System.out.printf(
                "latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
        StringBuilder timeline = new StringBuilder("p99 ms by second due:");
        for (Histogram one : perSecond) {
            if (one.getTotalCount() > 0) {
                timeline.append(String.format(" %.0f", one.getValueAtPercentile(99) / 1000.0));
            }
        }
        System.out.println(timeline);
        // the same without the first second due (a new channel's cold caches, the client's first connections):
        // comparable with a baseline measured after its own warm-up
        Histogram steady = new Histogram(3_600_000_000L, 2);
        for (int k = 1; k < perSecond.length; k++) {
            steady.add(perSecond[k]);
        }
        if (steady.getTotalCount() > 0) {
            System.out.printf(
                    "latency ms after the first second: p50=%.2f p99=%.2f%n",
                    steady.getValueAtPercentile(50) / 1000.0, steady.getValueAtPercentile(99) / 1000.0);
        }
        if (report != null) {
            printKind("reports", reports.getIntervalHistogram());
            printKind("others", others.getIntervalHistogram());
        }
        errors.forEach(e -> System.out.println("error sample: " + e));
    }

    private static void printKind(String kind, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        System.out.printf(
                "latency ms (%s, %d): p50=%.2f p99=%.2f max=%.2f%n",
                kind,
                h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    static HttpRequest webhookRequest(URI base, String channel, WechatCrypto crypto, long msgId, Duration timeout) {
        return webhookRequest(
                base, channel, crypto, msgId, "oBench" + (msgId % 1000), "小区门口的路灯坏了，晚上出行很不方便，请尽快修理。", timeout);
    }

    /** A signed, AES-encrypted Official Account text message from {@code from} (safe mode). */
    static HttpRequest webhookRequest(
            URI base, String channel, WechatCrypto crypto, long msgId, String from, String text, Duration timeout) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(msgId % 1_000_000_007L);
        String xml = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA["
                + from + "]]></FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]>"
                + "</MsgType><Content><![CDATA[" + text + "]]></Content><MsgId>" + msgId
                + "</MsgId></xml>";
        String encrypted = crypto.encrypt(xml);
        String body = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + encrypted
                + "]]></Encrypt></xml>";
        String query = "signature=" + WechatCrypto.signature(TOKEN, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce
                + "&openid=oBench&encrypt_type=aes&msg_signature="
                + WechatCrypto.signature(TOKEN, ts, nonce, encrypted);
        return HttpRequest.newBuilder(base.resolve("/webhooks/" + channel + "?" + query))
                .timeout(timeout)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String createChannel(HttpClient client, URI base, String adminToken) throws Exception {
        String key = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        String json = "{\"key\":\"" + key + "\",\"type\":\"wechat-mp\",\"name\":\"bench\",\"token\":\"" + TOKEN
                + "\",\"appId\":\"" + APP_ID + "\",\"encodingAesKey\":\"" + AES_KEY + "\",\"dryRun\":true}";
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(base.resolve("/api/channels"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + adminToken)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot create the bench channel: " + r.statusCode() + " " + r.body());
        }
        return key;
    }

    /** Sector, members and dictionary so that every bench message is routed to a member (report target). */
    static void setUpRouting(HttpClient client, URI base, String adminToken, String channel) throws Exception {
        String sector = channel + "-municipal";
        call(client, base, adminToken, "POST", "/api/sectors", "{\"code\":\"" + sector + "\",\"name\":\"市政\"}", 201);
        for (int i = 0; i < 20; i++) {
            call(
                    client,
                    base,
                    adminToken,
                    "POST",
                    "/api/members",
                    "{\"code\":\"" + channel + "-m" + i
                            + "\",\"name\":\"委员" + i + "\",\"level\":\"city\",\"sectorCode\":\"" + sector
                            + "\",\"capacity\":1000,\"identities\":[{\"channelKey\":\"" + channel
                            + "\",\"userId\":\"mBench" + i
                            + "\"}]}",
                    201);
        }
        call(
                client,
                base,
                adminToken,
                "PUT",
                "/api/dictionary",
                "{\"categories\":[{\"code\":\"municipal\",\"name\":"
                        + "\"市政设施\",\"keywords\":[\"路灯\"],\"sectorCodes\":[\"" + sector
                        + "\"]}],\"urgentKeywords\":[\"紧急\"]}",
                200);
    }

    static void call(
            HttpClient client, URI base, String adminToken, String method, String path, String json, int expected)
            throws Exception {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + adminToken)
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
    }
}
