package io.tongxin.loadbench;

import io.tongxin.channel.WechatCrypto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The report-load scenarios of issue 16 (open loop, signed, unique message ids; see
 * {@link LoadGenerator#openLoop}). Each run creates its own channel and world, prints
 * {@code channel=}, {@code reports=} (how many opinions the run should file) and
 * {@code start-epoch-ms=} (for bench/report-load.sh's drain timer), then the acknowledgement figures.
 * <ul>
 * <li>{@code oa-direct}: Official Account direct messages, every one a turn of the guided report
 * flow (description, community skipped, phone skipped, confirmed), so every fourth message files an
 * opinion; no dictionary category matches, so each waits in the organizer queue. The turns of one
 * sender are half a second apart, and a turn is sent only once the previous one was answered (a
 * resident answers the bot's question; a turn that overtook the previous one would answer the wrong
 * question).</li>
 * <li>{@code group-report}: signed bridge messages in ten residents' groups of one community, each
 * an @-mention report from a new resident ("路灯" files it under the sector), routed among 20 members
 * with capacity (member row locks), the assignee's notice in the outbox.</li>
 * <li>{@code group-mix}: the same groups, 95% chatter the bot leaves alone and 5% reports.</li>
 * <li>{@code group-chatter}: the mix's chatter alone (nothing to process: the accept path's own latency).</li>
 * </ul>
 *
 * <pre>java -cp bench/target/tongxin-bench.jar io.tongxin.loadbench.ReportLoad \
 *     --base http://127.0.0.1:18080 --target group-mix --rate 500 --seconds 8</pre>
 */
public final class ReportLoad {

    static final String BRIDGE_SECRET = "bench-bridge-secret-0016";
    static final int GROUPS = 10;
    static final int MEMBERS = 20;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of(
                "base", "http://127.0.0.1:18080",
                "target", "group-mix",
                "rate", "500",
                "seconds", "8",
                "admin-token", "bench-admin-token-0123456789abcde",
                "timeout", "10",
                "connections", "64"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI base = URI.create(a.get("base"));
        if (!(base.getHost().equals("127.0.0.1") || base.getHost().equals("localhost"))) {
            throw new IllegalArgumentException("loopback targets only");
        }
        // with --base2 (a second instance on the same database), every other message goes there
        URI base2 = a.containsKey("base2") ? URI.create(a.get("base2")) : base;
        if (!(base2.getHost().equals("127.0.0.1") || base2.getHost().equals("localhost"))) {
            throw new IllegalArgumentException("loopback targets only");
        }
        String target = a.get("target");
        int rate = Integer.parseInt(a.get("rate"));
        int seconds = Math.min(60, Integer.parseInt(a.get("seconds")));
        String token = a.get("admin-token");
        Duration timeout = Duration.ofSeconds(Long.parseLong(a.get("timeout")));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String tag = Long.toString(System.currentTimeMillis(), 36);
        int total = rate * seconds;
        HttpRequest[] requests = new HttpRequest[total];
        int[] after = null;
        boolean[] isReport = null;
        long reports;
        String channel;
        switch (target) {
            case "oa-direct" -> {
                channel = LoadGenerator.createChannel(client, base, token);
                world(client, base, token, channel, false);
                // blocks of `senders` senders x 4 turns; a sender's turns are half a second apart
                int senders = Math.max(1, rate / 2);
                total = total / (4 * senders) * (4 * senders);
                requests = new HttpRequest[total];
                after = new int[total];
                String[] turns = {"小区南门积水严重，晚上出行很不方便，请尽快处理。", "跳过", "跳过", "1"};
                WechatCrypto crypto = new WechatCrypto(LoadGenerator.AES_KEY, LoadGenerator.APP_ID);
                long seq = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    int block = i / (4 * senders);
                    int r = i % (4 * senders);
                    int turn = r / senders;
                    String from = "oRpt" + tag + "-" + (block * senders + r % senders);
                    requests[i] = LoadGenerator.webhookRequest(
                            i % 2 == 0 ? base : base2, channel, crypto, seq + i, from, turns[turn], timeout);
                    // the previous turn of the same sender is answered first (a resident answers the question)
                    after[i] = turn == 0 ? -1 : i - senders;
                }
                reports = total / 4;
            }
            case "group-report", "group-mix", "group-chatter" -> {
                channel = "bench-g" + tag;
                bridgeChannel(client, base, token, channel);
                world(client, base, token, channel, true);
                // group-chatter: the mix's chatter alone (no reports): the accept path without processing
                boolean mix = !target.equals("group-report");
                int every = target.equals("group-mix") ? 20 : 0;
                isReport = mix ? new boolean[total] : null;
                long n = 0;
                for (int i = 0; i < total; i++) {
                    boolean report = !mix || (every > 0 && i % every == 0);
                    String chat = "room-" + (i % GROUPS) + "@chatroom";
                    String text = report ? "@同心助手 小区" + i + "号楼门口的路灯坏了，晚上很黑，请尽快修理。" : "今天天气不错，" + i + "号楼的邻居们出门注意安全。";
                    requests[i] = bridgeRequest(
                            i % 2 == 0 ? base : base2,
                            channel,
                            tag + "-" + i,
                            chat,
                            "wxid_r" + tag + "_" + i,
                            text,
                            report,
                            timeout);
                    n += report ? 1 : 0;
                    if (mix) {
                        isReport[i] = report;
                    }
                }
                reports = n;
            }
            default -> throw new IllegalArgumentException("unknown target " + target);
        }
        System.out.println("channel=" + channel);
        System.out.println("reports=" + reports + " messages=" + total);
        LoadGenerator.openLoop(
                client,
                requests,
                after,
                isReport,
                rate,
                0,
                seconds,
                target,
                timeout,
                Integer.parseInt(a.get("connections")));
        System.exit(0);
    }

    /** A bridge channel (dry run: the outbox "sends" through the log sender). */
    static void bridgeChannel(HttpClient client, URI base, String token, String key) throws Exception {
        LoadGenerator.call(
                client,
                base,
                token,
                "POST",
                "/api/channels",
                "{\"key\":\"" + key + "\",\"type\":\"bridge\",\"name\":\"bench\",\"secret\":\"" + BRIDGE_SECRET
                        + "\",\"sendUrl\":\"http://127.0.0.1:9/send\",\"dryRun\":true}",
                201);
    }

    /**
     * One workstation and community (so the direct flow asks for it); with {@code groups}, ten
     * residents' groups bound to it, a sector, 20 members serving it with room to spare and a
     * dictionary that files "路灯" under the sector.
     */
    static void world(HttpClient client, URI base, String token, String channel, boolean groups) throws Exception {
        String ws = channel + "-ws";
        String com = channel + "-com";
        LoadGenerator.call(
                client, base, token, "POST", "/api/workstations", "{\"code\":\"" + ws + "\",\"name\":\"工作站\"}", 201);
        LoadGenerator.call(
                client,
                base,
                token,
                "POST",
                "/api/communities",
                "{\"code\":\"" + com + "\",\"name\":\"静安门社区" + channel + "\",\"councilName\":\"议事会\","
                        + "\"workstationCode\":\"" + ws + "\"}",
                201);
        if (!groups) {
            return;
        }
        for (int g = 0; g < GROUPS; g++) {
            LoadGenerator.call(
                    client,
                    base,
                    token,
                    "POST",
                    "/api/groups",
                    "{\"code\":\"" + channel + "-g" + g + "\",\"channelKey\":\"" + channel + "\",\"chatId\":\"room-" + g
                            + "@chatroom\",\"name\":\"居民群" + g + "\",\"communityCode\":\"" + com + "\"}",
                    201);
        }
        String sector = channel + "-municipal";
        LoadGenerator.call(
                client, base, token, "POST", "/api/sectors", "{\"code\":\"" + sector + "\",\"name\":\"市政\"}", 201);
        for (int i = 0; i < MEMBERS; i++) {
            LoadGenerator.call(
                    client,
                    base,
                    token,
                    "POST",
                    "/api/members",
                    "{\"code\":\"" + channel + "-m" + i + "\",\"name\":\"委员" + i
                            + "\",\"level\":\"county\",\"sectorCode\":\"" + sector + "\",\"communityCodes\":[\"" + com
                            + "\"],\"capacity\":1000,\"identities\":[{\"channelKey\":\"" + channel
                            + "\",\"userId\":\"wxid_m" + i + "\"}]}",
                    201);
        }
        LoadGenerator.call(
                client,
                base,
                token,
                "PUT",
                "/api/dictionary",
                "{\"categories\":[{\"code\":\"municipal\",\"name\":\"市政设施\",\"keywords\":[\"路灯\"],\"sectorCodes\":[\""
                        + sector + "\"]}],\"urgentKeywords\":[\"紧急\"]}",
                200);
    }

    /** A signed bridge group message (HMAC-SHA256 over "timestamp.body"). */
    static HttpRequest bridgeRequest(
            URI base,
            String channel,
            String id,
            String chat,
            String sender,
            String text,
            boolean mentionsBot,
            Duration timeout) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String body = "{\"messageId\":\"" + id + "\",\"chat\":{\"id\":\"" + chat + "\",\"name\":\"居民群\"},"
                + "\"sender\":{\"id\":\"" + sender + "\",\"name\":\"居民\"},\"text\":\"" + text + "\",\"mentions\":"
                + (mentionsBot ? "[\"wxid_bot\"]" : "[]") + ",\"mentionsBot\":" + mentionsBot + ",\"timestamp\":" + ts
                + "}";
        return HttpRequest.newBuilder(base.resolve("/webhooks/" + channel))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + hmac(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String hmac(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(BRIDGE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
