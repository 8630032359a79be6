package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tongxin.channel.WechatCrypto;
import io.tongxin.support.Hostile;
import io.tongxin.support.RawHttp;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A property over every webhook type (Official Account in plaintext and in safe mode, WeCom app,
 * WeCom smart robot, bridge), GET verification and POST alike: whatever the bytes, content type,
 * query string and headers, the answer is a 2xx or a 4xx, never a 5xx or a dropped connection, and a
 * rejected request stores nothing. The requests are drawn with jqwik's generators from a fixed seed
 * ({@link #SEED}, {@link #TRIES} per type): random bytes, the recorded platform samples mutated,
 * samples sent unsigned, wrongly signed, signed but stale, and hostile bodies correctly signed and
 * encrypted so they reach the parsers. Bodies past the configured limit get 413 whether their size is
 * declared or they come chunked.
 */
@QuarkusTest
class WebhookPropertyTest {

    static final long SEED = 20_260_017L;
    static final int TRIES = 300;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WebhookConfig config;

    enum Type {
        MP_PLAIN,
        MP_SAFE,
        WECOM_APP,
        WECOM_BOT,
        BRIDGE
    }

    @Test
    void shouldAnswerAnOfficialAccountInPlaintextModeWith2xxOr4xxAndStoreNothingItRefuses() throws Exception {
        property(Type.MP_PLAIN, Webhooks.mpChannel(false));
    }

    @Test
    void shouldAnswerAnOfficialAccountInSafeModeWith2xxOr4xxAndStoreNothingItRefuses() throws Exception {
        property(Type.MP_SAFE, Webhooks.mpChannel(true));
    }

    @Test
    void shouldAnswerAWecomAppWith2xxOr4xxAndStoreNothingItRefuses() throws Exception {
        property(Type.WECOM_APP, Webhooks.wecomAppChannel());
    }

    @Test
    void shouldAnswerAWecomSmartRobotWith2xxOr4xxAndStoreNothingItRefuses() throws Exception {
        property(Type.WECOM_BOT, Webhooks.wecomBotChannel());
    }

    @Test
    void shouldAnswerABridgeWith2xxOr4xxAndStoreNothingItRefuses() throws Exception {
        property(Type.BRIDGE, Webhooks.bridgeChannel());
    }

    @Test
    void shouldAnswer413ForEveryBodyPastTheLimitDeclaredOrChunkedAndStoreNothing() throws Exception {
        Hostile h = new Hostile(SEED + 1);
        Map<Type, String> channels = new LinkedHashMap<>();
        channels.put(Type.MP_PLAIN, Webhooks.mpChannel(false));
        channels.put(Type.WECOM_APP, Webhooks.wecomAppChannel());
        channels.put(Type.WECOM_BOT, Webhooks.wecomBotChannel());
        channels.put(Type.BRIDGE, Webhooks.bridgeChannel());
        int limit = config.maxBodyBytes();
        for (var e : channels.entrySet()) {
            for (int i = 0; i < 6; i++) {
                int size = i == 0 ? limit + 1 : h.between(limit + 1, 4 * limit);
                byte[] body = new byte[size];
                java.util.Arrays.fill(body, (byte) 'x');
                // signed, so only the size is wrong
                Request r = signed(e.getKey(), body, Webhooks.now(), true);
                long before = count(e.getValue());
                RawHttp.Answer a = RawHttp.send(
                        RestAssured.port,
                        "POST",
                        target(e.getValue(), r.query(), null),
                        r.headers(),
                        r.body(),
                        i % 2 == 0 ? -1 : -2);
                assertEquals(413, a.status(), e.getKey() + " body of " + r.body().length + " bytes: " + a.body());
                assertEquals(before, count(e.getValue()), "a refused body is not stored");
            }
        }
    }

    private void property(Type type, String key) throws Exception {
        Hostile h = new Hostile(SEED + type.ordinal());
        List<byte[]> samples = samples(type);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        // the baseline the hostile requests vary: a correct verification and a correct message are accepted
        Request check = verification(h, type, Webhooks.now(), true, "tongxin-baseline-echo");
        RawHttp.Answer ok =
                RawHttp.send(RestAssured.port, "GET", target(key, check.query(), null), check.headers(), null, -1);
        assertEquals(200, ok.status(), type + " baseline verification: " + ok.body());
        long start = count(key);
        Request message = signed(type, samples.get(0), Webhooks.now(), true);
        ok = RawHttp.send(
                RestAssured.port, "POST", target(key, message.query(), null), message.headers(), message.body(), -1);
        assertEquals(200, ok.status(), type + " baseline message: " + ok.body());
        assertEquals(start + 1, count(key), type + " baseline message stored");
        for (int i = 0; i < TRIES; i++) {
            String ts = Webhooks.now();
            boolean get = h.chance(20);
            byte[] body;
            Request r;
            int strategy = h.between(0, 5);
            byte[] plain = switch (strategy) {
                case 0 -> h.bytes(3000);
                case 1, 2 -> h.mutate(h.pick(samples));
                default -> h.pick(samples);
            };
            switch (strategy) {
                case 0, 1 -> r = signed(type, plain, ts, h.chance(30)); // random or mutated, maybe signed
                case 2 -> r = signed(type, plain, ts, true); // mutated and correctly signed: reaches the parser
                case 3 -> r = signed(type, plain, ts, false); // a real sample, wrongly signed
                case 4 -> r = signed(type, plain, Long.toString(Long.parseLong(ts) - 100_000), true); // stale
                default -> r = unsigned(h, type, plain); // hostile query and headers around a real sample
            }
            body = get ? null : r.body();
            if (get) {
                r = verification(h, type, ts, h.chance(50), null);
            }
            List<String[]> headers = new ArrayList<>(r.headers());
            headers.add(new String[] {"Content-Type", h.pick(CONTENT_TYPES)});
            if (h.chance(20)) {
                headers.add(new String[] {h.pick(HEADER_NAMES), h.headerValue()});
            }
            long before = count(key);
            RawHttp.Answer a =
                    RawHttp.send(RestAssured.port, get ? "GET" : "POST", target(key, r.query(), h), headers, body, -1);
            long after = count(key);
            statuses.merge(Integer.toString(a.status()), 1, Integer::sum);
            String what = type + " try " + i + " (seed " + (SEED + type.ordinal()) + ", strategy " + strategy
                    + (get ? ", GET" : ", POST") + "): " + a.status() + " " + a.body();
            assertTrue((a.status() >= 200 && a.status() < 300) || (a.status() >= 400 && a.status() < 500), what);
            if (a.status() >= 400 || get) {
                assertEquals(before, after, "nothing is stored for a refused request or a verification: " + what);
            } else {
                assertTrue(after - before <= 1, "one request stores at most one message: " + what);
            }
        }
        // the generated requests reached both refusals, or the property proves little
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.equals("400")), type + " " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.equals("401")), type + " " + statuses);
        System.out.println("WebhookPropertyTest " + type + ": " + TRIES + " requests, statuses " + statuses);
    }

    // --- requests ---

    record Request(Map<String, String> query, List<String[]> headers, byte[] body) {}

    private static final List<String> CONTENT_TYPES = List.of(
            "text/xml",
            "application/xml; charset=utf-8",
            "application/json",
            "application/json; charset=gbk",
            "text/plain",
            "text/xml; charset=utf-16",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/octet-stream",
            "*/*",
            "",
            "garbage",
            "a/b; c=\"");

    private static final List<String> HEADER_NAMES = List.of(
            "X-Tongxin-Timestamp",
            "X-Tongxin-Signature",
            "Content-Encoding",
            "Accept",
            "Accept-Charset",
            "X-Forwarded-For",
            "Expect",
            "X-Random-Header");

    private static final List<String> PARAMS = List.of(
            "signature", "msg_signature", "timestamp", "nonce", "echostr", "encrypt_type", "openid", "challenge", "x");

    private static WechatCrypto crypto(Type type) {
        return new WechatCrypto(
                Webhooks.AES_KEY,
                switch (type) {
                    case MP_SAFE, MP_PLAIN -> Webhooks.MP_APP_ID;
                    case WECOM_APP -> Webhooks.CORP_ID;
                    default -> "";
                });
    }

    /** A message POST as the platform would send it around {@code plain}, with a right or wrong signature. */
    private static Request signed(Type type, byte[] plain, String ts, boolean right) {
        String nonce = Webhooks.nonce();
        String token = right ? Webhooks.TOKEN : "not-the-token";
        Map<String, String> q = new LinkedHashMap<>();
        List<String[]> headers = new ArrayList<>();
        byte[] body;
        switch (type) {
            case MP_PLAIN -> {
                q.put("signature", Webhooks.sha1Sorted(token, ts, nonce));
                q.put("timestamp", ts);
                q.put("nonce", nonce);
                body = plain;
            }
            case MP_SAFE, WECOM_APP, WECOM_BOT -> {
                String encrypted = crypto(type).encrypt(new String(plain, StandardCharsets.UTF_8));
                q.put("msg_signature", Webhooks.sha1Sorted(token, ts, nonce, encrypted));
                q.put("timestamp", ts);
                q.put("nonce", nonce);
                if (type == Type.MP_SAFE) {
                    q.put("signature", Webhooks.sha1Sorted(token, ts, nonce));
                    q.put("encrypt_type", "aes");
                }
                body = (type == Type.WECOM_BOT
                                ? "{\"encrypt\":\"" + encrypted + "\"}"
                                : "<xml><ToUserName><![CDATA[" + Webhooks.CORP_ID + "]]></ToUserName><Encrypt><![CDATA["
                                        + encrypted + "]]></Encrypt></xml>")
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                String secret = right ? Webhooks.BRIDGE_SECRET : "not-the-secret";
                headers.add(new String[] {"X-Tongxin-Timestamp", ts});
                headers.add(new String[] {"X-Tongxin-Signature", "sha256=" + Webhooks.hmacHex(secret, ts, plain)});
                body = plain;
            }
        }
        return new Request(q, headers, body);
    }

    /** Hostile query parameters and headers, nothing signed, around {@code body}. */
    private static Request unsigned(Hostile h, Type type, byte[] body) {
        Map<String, String> q = new LinkedHashMap<>();
        int n = h.between(0, 6);
        for (int i = 0; i < n; i++) {
            q.put(h.chance(85) ? h.pick(PARAMS) : h.text(20), h.text(60));
        }
        List<String[]> headers = new ArrayList<>();
        if (type == Type.BRIDGE || h.chance(20)) {
            headers.add(new String[] {"X-Tongxin-Timestamp", h.headerValue()});
            headers.add(new String[] {"X-Tongxin-Signature", h.chance(50) ? "sha256=" + h.text(64) : h.headerValue()});
        }
        return new Request(q, headers, body);
    }

    /** A URL verification GET: correctly signed around a hostile echostr/challenge, or hostile throughout. */
    private static Request verification(Hostile h, Type type, String ts, boolean right, String challenge) {
        if (!right) {
            return unsigned(h, type, null);
        }
        String nonce = Webhooks.nonce();
        String plain = challenge != null ? challenge : h.text(40);
        String echo = type == Type.MP_PLAIN || type == Type.BRIDGE || (challenge == null && h.chance(30))
                ? plain
                : crypto(type).encrypt(plain);
        Map<String, String> q = new LinkedHashMap<>();
        List<String[]> headers = new ArrayList<>();
        switch (type) {
            case MP_PLAIN -> {
                q.put("signature", Webhooks.sha1Sorted(Webhooks.TOKEN, ts, nonce));
                q.put("echostr", echo);
            }
            case BRIDGE -> {
                q.put("challenge", echo);
                headers.add(new String[] {"X-Tongxin-Timestamp", ts});
                headers.add(new String[] {
                    "X-Tongxin-Signature",
                    "sha256=" + Webhooks.hmacHex(Webhooks.BRIDGE_SECRET, ts, echo.getBytes(StandardCharsets.UTF_8))
                });
            }
            default -> {
                q.put("msg_signature", Webhooks.sha1Sorted(Webhooks.TOKEN, ts, nonce, echo));
                q.put("echostr", echo);
            }
        }
        q.put("timestamp", ts);
        q.put("nonce", nonce);
        return new Request(q, headers, null);
    }

    /** The request target; with {@code h}, each value is put on the wire the way a hostile client might. */
    private static byte[] target(String key, Map<String, String> query, Hostile h) {
        String q = query.entrySet().stream()
                .map(e -> wire(h, e.getKey()) + "=" + wire(h, e.getValue()))
                .collect(Collectors.joining("&"));
        return ("/webhooks/" + key + (q.isEmpty() ? "" : "?" + q)).getBytes(StandardCharsets.UTF_8);
    }

    private static String wire(Hostile h, String value) {
        return h == null ? Hostile.encode(value) : h.wire(value);
    }

    private static List<byte[]> samples(Type type) {
        List<String> names = switch (type) {
            case MP_PLAIN, MP_SAFE ->
                List.of(
                        "wechat-mp/text.xml",
                        "wechat-mp/image.xml",
                        "wechat-mp/voice.xml",
                        "wechat-mp/location.xml",
                        "wechat-mp/link.xml",
                        "wechat-mp/event-subscribe.xml",
                        "wechat-mp/event-click.xml",
                        "wechat-mp/xxe.xml",
                        "wechat-mp/billion-laughs.xml");
            case WECOM_APP ->
                List.of("wecom-app/text.xml", "wecom-app/image.xml", "wecom-app/voice.xml", "wecom-app/location.xml");
            case WECOM_BOT ->
                List.of(
                        "wecom-bot/group-text.json",
                        "wecom-bot/single-text.json",
                        "wecom-bot/single-image.json",
                        "wecom-bot/single-voice.json",
                        "wecom-bot/group-mixed-image.json");
            case BRIDGE ->
                List.of(
                        "bridge/group.json",
                        "bridge/direct.json",
                        "bridge/group-photo.json",
                        "bridge/room-join.json",
                        "bridge/direct-voice-base64.json");
        };
        return names.stream()
                .map(n -> Webhooks.payload(n).getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    private long count(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from inbox_message where channel_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
