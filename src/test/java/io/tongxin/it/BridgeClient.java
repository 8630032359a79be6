package io.tongxin.it;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Posts signed bridge group messages that @-mention the bot, as a bridge in a residents' group does. */
final class BridgeClient {

    private BridgeClient() {}

    /**
     * Posts message {@code n} ("it-msg-n" from resident wxid_it_r{n}) to an instance; adds its id to
     * {@code acknowledged} when the instance answered 200. A refused connection (a dead instance) is
     * not an error: the message is simply not acknowledged, and a platform would retry it.
     */
    static Void post(
            Instances.Instance to, String channel, String secret, String chat, int n, Set<String> acknowledged) {
        String id = "it-msg-" + n;
        String body = "{\"messageId\":\"" + id + "\",\"chat\":{\"id\":\"" + chat + "\",\"name\":\"居民群\"},"
                + "\"sender\":{\"id\":\"wxid_it_r" + n + "\",\"name\":\"居民" + n + "\"},\"text\":\"@同心助手 "
                + "楼道灯坏了，第" + n + "号楼\",\"mentions\":[\"wxid_bot\"],\"mentionsBot\":true,\"timestamp\":"
                + System.currentTimeMillis() / 1000 + "}";
        try {
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            int status = given().baseUri(to.base())
                    .contentType("application/json")
                    .header("X-Tongxin-Timestamp", ts)
                    .header("X-Tongxin-Signature", "sha256=" + hmac(secret, ts, body))
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/webhooks/" + channel)
                    .statusCode();
            if (status == 200) {
                acknowledged.add(id);
            }
        } catch (Exception refused) {
            // the instance died under this request
        }
        return null;
    }

    /** A group message from {@code userId} in {@code chat} that @-mentions the bot; answers the HTTP status. */
    static int group(
            Instances.Instance to, String channel, String secret, String chat, String userId, String id, String text) {
        String body = "{\"messageId\":\"" + id + "\",\"chat\":{\"id\":\"" + chat + "\",\"name\":\"居民群\"},"
                + "\"sender\":{\"id\":\"" + userId + "\",\"name\":\"居民\"},\"text\":\"@同心助手 " + text
                + "\",\"mentions\":[\"wxid_bot\"],\"mentionsBot\":true,\"timestamp\":"
                + System.currentTimeMillis() / 1000 + "}";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        return given().baseUri(to.base())
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + hmac(secret, ts, body))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/" + channel)
                .statusCode();
    }

    /** A direct message from {@code userId}; answers the passive reply, or null when there was none. */
    static String direct(Instances.Instance to, String channel, String secret, String userId, String text) {
        String body = "{\"messageId\":\"" + java.util.UUID.randomUUID() + "\",\"chat\":null,"
                + "\"sender\":{\"id\":\"" + userId + "\",\"name\":\"居民\"},\"text\":\"" + text
                + "\",\"mentions\":[],\"mentionsBot\":false,\"timestamp\":" + System.currentTimeMillis() / 1000 + "}";
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        io.restassured.response.Response r = given().baseUri(to.base())
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + hmac(secret, ts, body))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/" + channel);
        if (r.statusCode() != 200) {
            throw new AssertionError("webhook answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().getString("reply");
    }

    private static String hmac(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
