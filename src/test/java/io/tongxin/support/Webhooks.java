package io.tongxin.support;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.admin;

import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/**
 * Builds platform callbacks the way the platforms do. Encryption uses the independent SDK
 * (binarywang WxJava's {@link WxCryptUtil}) and signatures are computed here, not with our own classes,
 * so every encrypted test is also an interop test.
 */
public final class Webhooks {

    public static final String TOKEN = "QDG6eK";
    public static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public static final String MP_APP_ID = "wxb11529c136998cb6";
    public static final String CORP_ID = "ww5823bf96d3bd56c7";
    public static final long AGENT_ID = 1000002;
    public static final String BRIDGE_SECRET = "bridge-shared-secret-0001";

    private Webhooks() {}

    /** A recorded payload from {@code src/test/resources/webhook/<platform>/<scenario>}. */
    public static String payload(String path) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/webhook/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded payload " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String mpChannel(boolean withAesKey) {
        String key = Api.uniq("mp");
        Map<String, Object> c = new HashMap<>(
                Map.of("key", key, "type", "wechat-mp", "name", "山丹县政协公众号", "token", TOKEN, "appId", MP_APP_ID));
        if (withAesKey) {
            c.put("encodingAesKey", AES_KEY);
        }
        admin().body(c).post("/api/channels").then().statusCode(201);
        return key;
    }

    public static String wecomAppChannel() {
        return wecomAppChannel(CORP_ID, AGENT_ID);
    }

    public static String wecomAppChannel(String corpId, long agentId) {
        String key = Api.uniq("wecom");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "wecom-app",
                        "name",
                        "企业微信应用",
                        "token",
                        TOKEN,
                        "encodingAesKey",
                        AES_KEY,
                        "corpId",
                        corpId,
                        "agentId",
                        agentId,
                        "secret",
                        "app-secret-value-1234"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    public static String wecomBotChannel() {
        String key = Api.uniq("robot");
        admin().body(Map.of(
                        "key", key, "type", "wecom-bot", "name", "智能机器人", "token", TOKEN, "encodingAesKey", AES_KEY))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    public static String bridgeChannel() {
        return bridgeChannel(admin());
    }

    /** A bridge channel created by {@code as} (e.g. {@code Api.as(token)} of the embedded mode's admin); answers its key. */
    public static String bridgeChannel(io.restassured.specification.RequestSpecification as) {
        String key = Api.uniq("bridge");
        as.body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "个人微信群桥接",
                        "secret",
                        BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    /**
     * The application clock, which the service checks callback timestamps against. Tests move it, so
     * requests are stamped with it, never with the wall clock.
     */
    public static Clock clock() {
        return Arc.container().instance(Clock.class).get();
    }

    /** Now on the application clock, in epoch seconds as the platforms send it. */
    public static String now() {
        return Long.toString(clock().instant().getEpochSecond());
    }

    /**
     * What the SDK's {@code encryptContext} builds (its encryption, a nonce and its signature over
     * token, timestamp, nonce and ciphertext), stamped with the application clock instead of the
     * SDK's wall clock.
     */
    public static WxCryptUtil.EncryptContext encryptContext(WxCryptUtil sdk, String plain) {
        // the SDK's two-argument encrypt is the bare ciphertext (its one-argument one is a whole envelope)
        String encrypt =
                sdk.encrypt(UUID.randomUUID().toString().replace("-", "").substring(0, 16), plain);
        String timestamp = now();
        String nonce = nonce();
        WxCryptUtil.EncryptContext ctx = new WxCryptUtil.EncryptContext(encrypt, "", timestamp, nonce);
        ctx.setEncrypt(encrypt);
        ctx.setTimeStamp(timestamp);
        ctx.setNonce(nonce);
        ctx.setSignature(SHA1.gen(TOKEN, timestamp, nonce, encrypt));
        return ctx;
    }

    public static String sha1Sorted(String... parts) {
        String[] p = parts.clone();
        Arrays.sort(p);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(String.join("", p).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plaintext-mode Official Account POST. */
    public static Response postMpPlain(String key, String xml) {
        return postMpPlain(key, xml.getBytes(StandardCharsets.UTF_8), now());
    }

    public static Response postMpPlain(String key, byte[] body, String timestamp) {
        String nonce = nonce();
        var request = given().urlEncodingEnabled(true)
                .contentType("text/xml")
                .queryParam("signature", sha1Sorted(TOKEN, timestamp, nonce))
                .queryParam("timestamp", timestamp)
                .queryParam("nonce", nonce);
        // WeChat adds the sender's OpenID to the signed URL
        Matcher from = FROM_USER.matcher(new String(body, StandardCharsets.UTF_8));
        if (from.find()) {
            request = request.queryParam("openid", from.group(1));
        }
        return request.body(body).post("/webhooks/" + key);
    }

    private static final Pattern FROM_USER =
            Pattern.compile("<FromUserName>\\s*(?:<!\\[CDATA\\[)?([^<\\]]*)(?:]]>)?\\s*</FromUserName>");

    public static WxCryptUtil mpSdk() {
        return new WxCryptUtil(TOKEN, AES_KEY, MP_APP_ID);
    }

    public static WxCryptUtil wecomSdk(String receiveId) {
        return new WxCryptUtil(TOKEN, AES_KEY, receiveId);
    }

    /** Safe-mode Official Account POST: the SDK encrypts, the envelope and query are the platform's. */
    public static Response postMpSafe(String key, String xml) {
        WxCryptUtil.EncryptContext ctx = encryptContext(mpSdk(), xml);
        String body = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[" + ctx.getEncrypt()
                + "]]></Encrypt></xml>";
        return given().contentType("text/xml")
                .queryParam("signature", sha1Sorted(TOKEN, ctx.getTimeStamp(), ctx.getNonce()))
                .queryParam("timestamp", ctx.getTimeStamp())
                .queryParam("nonce", ctx.getNonce())
                .queryParam("openid", "oia2TjuEGTNoeX76QEjQNrcURxG8")
                .queryParam("encrypt_type", "aes")
                .queryParam("msg_signature", ctx.getSignature())
                .body(body)
                .post("/webhooks/" + key);
    }

    /** A WeCom app POST with an arbitrary Encrypt value, correctly signed over it. */
    public static Response postWecomEncrypted(String key, String encrypted) {
        return postWecomEncrypted(key, encrypted, now());
    }

    public static Response postWecomEncrypted(String key, String encrypted, String timestamp) {
        String nonce = nonce();
        String body = "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><AgentID><![CDATA[" + AGENT_ID
                + "]]></AgentID><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
        return given().contentType("text/xml")
                .queryParam("msg_signature", sha1Sorted(TOKEN, timestamp, nonce, encrypted))
                .queryParam("timestamp", timestamp)
                .queryParam("nonce", nonce)
                .body(body)
                .post("/webhooks/" + key);
    }

    /** A WeCom smart robot POST: {"encrypt": ...}. */
    public static Response postWecomBot(String key, String json) {
        WxCryptUtil.EncryptContext ctx = encryptContext(wecomSdk(""), json);
        return given().contentType("application/json")
                .queryParam("msg_signature", ctx.getSignature())
                .queryParam("timestamp", ctx.getTimeStamp())
                .queryParam("nonce", ctx.getNonce())
                .body("{\"encrypt\":\"" + ctx.getEncrypt() + "\"}")
                .post("/webhooks/" + key);
    }

    public static String hmacHex(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification bridgeRequest(String json, String timestamp) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json")
                .header("X-Tongxin-Timestamp", timestamp)
                .header("X-Tongxin-Signature", "sha256=" + hmacHex(BRIDGE_SECRET, timestamp, body))
                .body(body);
    }

    public static Response postBridge(String key, String json) {
        return bridgeRequest(json, now()).post("/webhooks/" + key);
    }

    /** A bridge message with a fresh id and the given text. */
    public static String bridgeMessage(String text, String chatId) {
        String chat = chatId == null ? "null" : "{\"id\":\"" + chatId + "\",\"name\":\"测试群\"}";
        return "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":" + chat
                + ",\"sender\":{\"id\":\"wxid_tester\",\"name\":\"测试\"},\"text\":\"" + text
                + "\",\"mentions\":[],\"mentionsBot\":" + (chatId != null) + ",\"timestamp\":" + now() + "}";
    }

    /** The inbox rows of a channel, newest first. */
    public static List<Map<String, Object>> inbox(String key) {
        return admin().queryParam("channelKey", key)
                .queryParam("size", 500)
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    public static String nonce() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    public static String textXml(String content, long msgId) {
        return "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2Tju_tester]]>"
                + "</FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>"
                + "<![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }
}
