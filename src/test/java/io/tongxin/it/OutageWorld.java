package io.tongxin.it;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the platform-outage tests share: the world they set up through the admin API (bridge and WeCom
 * channels to local stubs, a community with residents' groups, a member reachable on WeCom), the check
 * that retries kept the backoff (from {@code outbox_attempt}), and the stubs' JSON answers.
 */
final class OutageWorld {

    static final String COMMUNITY = "it-com";

    private OutageWorld() {}

    static void bridgeChannel(Instances.Instance i, String key, String secret, String sendUrl) {
        i.api()
                .body(Map.of("key", key, "type", "bridge", "name", "桥接", "secret", secret, "sendUrl", sendUrl))
                .post("/api/channels")
                .then()
                .statusCode(201);
    }

    static void wecomChannel(Instances.Instance i, String key, String apiBaseUrl) {
        i.api()
                .body(Map.of(
                        "key", key,
                        "type", "wecom-app",
                        "name", "企业微信",
                        "token", "QDG6eK",
                        "encodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                        "corpId", "wwcorp0001",
                        "agentId", 1000002,
                        "secret", "app-secret-value-1234",
                        "apiBaseUrl", apiBaseUrl))
                .post("/api/channels")
                .then()
                .statusCode(201);
    }

    /** A workstation, the community {@link #COMMUNITY} and a sector. */
    static void community(Instances.Instance i) {
        i.api()
                .body(Map.of("code", "it-ws", "name", "工作站"))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        i.api()
                .body(Map.of("code", COMMUNITY, "name", "社区", "councilName", "协商议事会", "workstationCode", "it-ws"))
                .post("/api/communities")
                .then()
                .statusCode(201);
        i.api()
                .body(Map.of("code", "it-sec", "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
    }

    /** A residents' group of the community, on a bridge channel. */
    static void group(Instances.Instance i, String code, String channel, String chat) {
        i.api()
                .body(Map.of(
                        "code", code, "channelKey", channel, "chatId", chat, "name", "居民群", "communityCode", COMMUNITY))
                .post("/api/groups")
                .then()
                .statusCode(201);
    }

    /** The member serving the community, reachable as {@code userId} on a WeCom channel. */
    static void member(Instances.Instance i, String wecomChannel, String userId) {
        i.api()
                .body(Map.of(
                        "code", "it-m",
                        "name", "王建国",
                        "level", "county",
                        "sectorCode", "it-sec",
                        "communityCodes", List.of(COMMUNITY),
                        "capacity", 1000,
                        "identities", List.of(Map.of("channelKey", wecomChannel, "userId", userId))))
                .post("/api/members")
                .then()
                .statusCode(201);
    }

    /**
     * Checks the failed attempts of one message: each one after the first started (its end, {@code at},
     * less its {@code duration_ms}) no earlier than the backoff after the previous failure ended, less
     * the 20 % jitter and 50 ms; returns how many gaps were checked and adds the early ones to
     * {@code tooEarly}.
     */
    static int checkBackoff(long id, Duration initial, Duration max, List<String> tooEarly) throws Exception {
        List<Instant> ended = new ArrayList<>();
        List<Long> took = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Instances.JDBC, "tongxin", "tongxin");
                PreparedStatement ps = c.prepareStatement(
                        "select at, duration_ms from outbox_attempt where message_id = ? and outcome in ('failed', 'dead')"
                                + " order by at")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ended.add(rs.getTimestamp(1).toInstant());
                    took.add(rs.getLong(2));
                }
            }
        }
        for (int k = 1; k < ended.size(); k++) {
            long backoff = Math.min(initial.toMillis() << (k - 1), max.toMillis());
            long gap = Duration.between(ended.get(k - 1), ended.get(k)).toMillis() - took.get(k);
            if (gap < backoff * 0.8 - 50) {
                tooEarly.add("message " + id + " attempt " + (k + 1) + " started " + gap + " ms after the previous"
                        + " failure (backoff " + backoff + ")");
            }
        }
        return Math.max(0, ended.size() - 1);
    }

    /** The outbox ids of a channel's messages. */
    static List<Long> ids(String channel) throws Exception {
        return Instances.strings("select id from outbox_message where channel_key = ?", channel).stream()
                .map(Long::valueOf)
                .toList();
    }

    static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}
