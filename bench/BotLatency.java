import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bot latency per script: signed bridge messages, one at a time (closed loop), timed from sending the
 * webhook to its answer carrying the passive reply. Run by bench/bot.sh against a service it started;
 * prints p50 / p99 / max per script. Plain JDK (java bench/BotLatency.java BASE CHANNEL SECRET N).
 */
public class BotLatency {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");
    static String base;
    static String channel;
    static String secret;

    public static void main(String[] a) throws Exception {
        base = a[0];
        channel = a[1];
        secret = a[2];
        int n = Integer.parseInt(a[3]);
        String memberId = a[4];
        String chatId = a[5];
        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n + 20; i++) {
            boolean warm = i < 20;
            String resident = "wxid_bench_" + i;
            time(times, warm, "help (direct)", null, resident, "帮助", false);
            String r = time(times, warm, "report-group (file at once)", chatId, resident, "小区" + i + "号楼门口路灯坏了，晚上很黑", true);
            Matcher m = NUMBER.matcher(r == null ? "" : r);
            if (m.find()) {
                numbers.add(m.group());
                time(times, warm, "status", null, resident, "查询 " + m.group(), false);
                time(times, warm, "member: acknowledge", null, memberId, "收到 " + m.group(), false);
            }
            time(times, warm, "member: my tasks", null, memberId, "我的任务", false);
            time(times, warm, "courtesy (direct)", null, resident, "谢谢你们，辛苦了", false);
            // the guided direct flow: each turn timed; answers whatever it asks until a number comes back
            String reply = time(times, warm, "report-direct: turn 1", null, resident, "小区南门的排水沟堵了，下雨天积水很深，老人出门不便", false);
            for (int turn = 2; turn <= 6 && reply != null && !NUMBER.matcher(reply).find(); turn++) {
                String answer = reply.contains("跳过") ? "跳过" : reply.matches("(?s).*回复\\s*「?1.*") ? "1" : "1";
                reply = time(times, warm, "report-direct: later turns", null, resident, answer, false);
            }
        }
        System.out.printf("%-32s %6s %8s %8s %8s%n", "script", "n", "p50 ms", "p99 ms", "max ms");
        for (var e : times.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (v.length == 0) {
                continue;
            }
            System.out.printf("%-32s %6d %8.1f %8.1f %8.1f%n", e.getKey(), v.length, pct(v, 50), pct(v, 99), v[v.length - 1]);
        }
        System.out.println("opinions filed in the measured runs: " + numbers.size());
    }

    static double pct(double[] v, int p) {
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    static String time(Map<String, List<Double>> times, boolean warm, String name, String chatId, String user, String text, boolean mention)
            throws Exception {
        String body = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":" + (chatId == null ? "null" : "{\"id\":\"" + chatId + "\",\"name\":\"居民群\"}")
                + ",\"sender\":{\"id\":\"" + user + "\",\"name\":\"居民\"},\"text\":\"" + (mention ? "@同心助手 " : "") + text
                + "\",\"mentions\":" + (mention ? "[\"wxid_tongxin_bot\"]" : "[]") + ",\"mentionsBot\":" + mention
                + ",\"timestamp\":" + System.currentTimeMillis() / 1000 + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
        String sig = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/webhooks/" + channel))
                .header("Content-Type", "application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", sig)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        long t0 = System.nanoTime();
        HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(name + ": HTTP " + resp.statusCode() + " " + resp.body());
        }
        Matcher r = Pattern.compile("\"reply\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(resp.body());
        String reply = r.find() ? r.group(1).replace("\\n", "\n").replace("\\\"", "\"") : null;
        if (!warm) {
            times.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
            if (reply == null) {
                times.computeIfAbsent(name + " [no inline reply]", k -> new ArrayList<>()).add(ms);
            }
        }
        return reply;
    }
}
