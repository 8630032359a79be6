package io.tongxin.inbox;

import static io.tongxin.support.Webhooks.inbox;
import static io.tongxin.support.Webhooks.payload;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed JSON bridge protocol (e.g. a Wechaty bot in personal WeChat groups). */
@QuarkusTest
class BridgeWebhookTest {

    @Test
    void shouldStoreAGroupMessageWithMentions() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, payload("bridge/group.json"))
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("accepted"));
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        Map<String, Object> m = rows.get(0);
        assertEquals("R:10696051737544800", m.get("chatId"));
        assertEquals("wxid_resident_01", m.get("senderId"));
        assertEquals("王阿姨", m.get("senderName"));
        assertEquals("@同心助手 小区南门积水严重", m.get("text"));
        assertEquals(List.of("wxid_tongxin_bot"), m.get("mentions"));
        assertEquals(true, m.get("mentionsBot"));
        assertEquals("wechaty-msg-3f1c9a", m.get("platformMessageId"));
        assertEquals("2024-03-09T16:03:20Z", m.get("platformTime"));
    }

    @Test
    void shouldStoreADirectMessageWithoutChat() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, payload("bridge/direct.json")).then().statusCode(200);
        Map<String, Object> m = inbox(key).get(0);
        assertNull(m.get("chatId"));
        assertEquals("我想报名街舞公益课", m.get("text"));
        assertEquals(false, m.get("mentionsBot"));
        assertEquals("2024-03-09T16:10:00Z", m.get("platformTime"));
    }

    /** What the Wechaty bridge (bridges/wechaty) posts when a member joins a room. */
    @Test
    void shouldStoreARoomJoinAsAPlatformEvent() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, payload("bridge/room-join.json"))
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
        Map<String, Object> m = inbox(key).get(0);
        assertEquals("event", m.get("kind"));
        assertEquals("roomJoin", m.get("event"));
        assertEquals("wxid_resident_01", m.get("eventKey"));
        assertEquals("R:10696051737544800", m.get("chatId"));
        assertEquals("wxid_resident_07", m.get("senderId"));
        assertEquals("赵大爷", m.get("senderName"));
        assertEquals("2024-03-09T16:08:20Z", m.get("platformTime"));
    }

    @Test
    void shouldRefuseAnEventThatIsNotAString() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, payload("bridge/room-join.json").replace("\"roomJoin\"", "{\"x\":1}"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Webhooks.postBridge(key, payload("bridge/group.json")).then().statusCode(200);
        assertEquals("text", inbox(key).get(0).get("kind"));
        assertNull(inbox(key).get(0).get("event"));
    }

    @Test
    void shouldReturnTheReplyInTheAnswer() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("请问 #reply", "R:1"))
                .then()
                .statusCode(200)
                .body("reply", org.hamcrest.Matchers.startsWith("已收到"));
    }

    @Test
    void shouldEchoASignedChallengeOnUrlVerification() {
        String key = Webhooks.bridgeChannel();
        String ts = Webhooks.now();
        String challenge = "c-81f0e2";
        io.restassured.RestAssured.given()
                .header("X-Tongxin-Timestamp", ts)
                .header(
                        "X-Tongxin-Signature",
                        "sha256="
                                + Webhooks.hmacHex(
                                        Webhooks.BRIDGE_SECRET, ts, challenge.getBytes(StandardCharsets.UTF_8)))
                .queryParam("challenge", challenge)
                .get("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body(equalTo(challenge));
        io.restassured.RestAssured.given()
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=00")
                .queryParam("challenge", challenge)
                .get("/webhooks/" + key)
                .then()
                .statusCode(401);
    }

    @jakarta.inject.Inject
    io.tongxin.shared.MutableClock clock;

    @Test
    void shouldApplyARotatedSecretOnceTheChannelCacheExpires() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("轮换前的消息", "R:42"))
                .then()
                .statusCode(200);
        String rotated = "rotated-bridge-secret-0002";
        io.tongxin.support.Api.admin()
                .body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "个人微信群桥接",
                        "secret",
                        rotated,
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .put("/api/channels/" + key)
                .then()
                .statusCode(200);
        clock.advance(java.time.Duration.ofSeconds(3)); // past tongxin.webhook.channel-cache-ttl (2 s)
        String json = Webhooks.bridgeMessage("轮换后的消息", "R:42");
        String ts = Webhooks.now();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + Webhooks.hmacHex(rotated, ts, body))
                .body(body)
                .post("/webhooks/" + key)
                .then()
                .statusCode(200);
        Webhooks.postBridge(key, Webhooks.bridgeMessage("旧密钥签名", "R:42")).then().statusCode(401);
        assertEquals(2, inbox(key).size());
    }

    @Test
    void shouldRejectAForgedOrMissingBridgeSignature() {
        String key = Webhooks.bridgeChannel();
        String json = payload("bridge/group.json");
        String ts = Webhooks.now();
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header(
                        "X-Tongxin-Signature",
                        "sha256="
                                + Webhooks.hmacHex("another-secret-000000", ts, json.getBytes(StandardCharsets.UTF_8)))
                .body(json)
                .post("/webhooks/" + key)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(json)
                .post("/webhooks/" + key)
                .then()
                .statusCode(401);
        // the signature covers the exact bytes: re-serialised JSON does not verify
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header(
                        "X-Tongxin-Signature",
                        "sha256=" + Webhooks.hmacHex(Webhooks.BRIDGE_SECRET, ts, json.getBytes(StandardCharsets.UTF_8)))
                .body(json.replace("积水严重", "积水很严重"))
                .post("/webhooks/" + key)
                .then()
                .statusCode(401);
        assertEquals(0, inbox(key).size());
    }

    /** A reply too long for a passive reply goes through the outbox (which splits it), even when it is ready at once. */
    @Test
    void shouldSendAReplyTooLongForTheAnswerThroughTheOutbox() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("很长的回复 #long", null))
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("accepted"))
                .body("reply", org.hamcrest.Matchers.nullValue());
        java.util.Map<String, Object> row = Webhooks.inbox(key).get(0);
        org.junit.jupiter.api.Assertions.assertEquals("outbox", row.get("replyDelivery"));
        io.tongxin.support.Api.admin()
                .queryParam("origin", "inbox:" + row.get("id"))
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].target", org.hamcrest.Matchers.equalTo("user:wxid_tester"));
    }
}
