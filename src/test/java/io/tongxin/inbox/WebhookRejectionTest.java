package io.tongxin.inbox;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Webhooks.CORP_ID;
import static io.tongxin.support.Webhooks.TOKEN;
import static io.tongxin.support.Webhooks.inbox;
import static io.tongxin.support.Webhooks.payload;
import static io.tongxin.support.Webhooks.postMpPlain;
import static io.tongxin.support.Webhooks.sha1Sorted;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.tongxin.support.Webhooks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Every rejection rule: the right 4xx with a problem+json detail, and nothing stored. */
@QuarkusTest
class WebhookRejectionTest {

    @Test
    void shouldAnswer404ForAnUnknownChannel() {
        given().queryParam("echostr", "1")
                .get("/webhooks/no-such-channel")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().body("<xml/>")
                .post("/webhooks/no-such-channel")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectForgedSignature() {
        String key = Webhooks.mpChannel(false);
        String ts = Webhooks.now();
        given().queryParam("signature", sha1Sorted("wrong-token", ts, "1"))
                .queryParam("timestamp", ts)
                .queryParam("nonce", "1")
                .body(payload("wechat-mp/text.xml"))
                .post("/webhooks/" + key)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("signature"));
        assertEquals(0, inbox(key).size());
    }

    @Test
    void shouldRejectMissingSignature() {
        String key = Webhooks.mpChannel(false);
        given().queryParam("timestamp", Webhooks.now())
                .queryParam("nonce", "1")
                .body(payload("wechat-mp/text.xml"))
                .post("/webhooks/" + key)
                .then()
                .statusCode(401)
                .body("detail", containsString("signature"));
        String app = Webhooks.wecomAppChannel();
        given().body("<xml><Encrypt>abc</Encrypt></xml>")
                .post("/webhooks/" + app)
                .then()
                .statusCode(401);
        assertEquals(0, inbox(key).size());
        assertEquals(0, inbox(app).size());
    }

    @Test
    void shouldRejectReplayedRequestsOutsideTheClockSkewWindow() {
        String key = Webhooks.mpChannel(false);
        long now = Long.parseLong(Webhooks.now());
        for (long ts : new long[] {now - 301, now + 301}) {
            postMpPlain(key, payload("wechat-mp/text.xml").getBytes(StandardCharsets.UTF_8), Long.toString(ts))
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("detail", containsString("clock skew"));
        }
        assertEquals(0, inbox(key).size());
        String bridge = Webhooks.bridgeChannel();
        Webhooks.bridgeRequest(Webhooks.bridgeMessage("旧消息", null), Long.toString(now - 3600))
                .post("/webhooks/" + bridge)
                .then()
                .statusCode(401);
        assertEquals(0, inbox(bridge).size());
        // inside the window is fine
        postMpPlain(key, payload("wechat-mp/text.xml").getBytes(StandardCharsets.UTF_8), Long.toString(now - 200))
                .then()
                .statusCode(200);
    }

    @Test
    void shouldRejectAnOversizeBodyWith413() {
        String key = Webhooks.mpChannel(false);
        String big = payload("wechat-mp/text.xml").replace("broken", "x".repeat(64 * 1024));
        postMpPlain(key, big).then().statusCode(413).contentType("application/problem+json");
        String bridge = Webhooks.bridgeChannel();
        Webhooks.postBridge(bridge, Webhooks.bridgeMessage("y".repeat(70_000), null))
                .then()
                .statusCode(413);
        assertEquals(0, inbox(key).size());
        assertEquals(0, inbox(bridge).size());
    }

    /** Writes a webhook POST's request line and headers on a raw socket (5 s read timeout); the body is up to the caller. */
    private static OutputStream startPost(Socket socket, String key, String lengthHeader) throws java.io.IOException {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /webhooks/" + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + lengthHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    /**
     * A declared oversize body is refused from its headers alone: the answer arrives although the
     * client never sends the body (the body is streamed to the resource, which checks the declared
     * length before reading; nothing is buffered).
     */
    @Test
    void shouldRefuseADeclaredOversizeBodyBeforeReadingIt() throws Exception {
        String key = Webhooks.bridgeChannel();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = startPost(socket, key, "Content-Length: 500000");
            out.write("{\"messageId\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine(); // SocketTimeoutException if the server waited for the body
            assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
            StringBuilder head = new StringBuilder();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line.toLowerCase()).append('\n');
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring("content-length:".length()).strip());
                }
            }
            assertTrue(head.toString().contains("content-type: application/problem+json"), head.toString());
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            String problem = new String(body, 0, read);
            assertTrue(problem.contains("\"status\":413") && problem.contains("65536"), problem);
        }
        assertEquals(0, inbox(key).size());
    }

    /** A chunked body (no declared length) is bounded while it is read: 413 once it passes the limit. */
    @Test
    void shouldRefuseAnOversizeChunkedBody() throws Exception {
        String key = Webhooks.bridgeChannel();
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = startPost(socket, key, "Transfer-Encoding: chunked");
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 9; i++) { // 72 KiB > 64 KiB
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", in.readLine());
        }
        assertEquals(0, inbox(key).size());
    }

    @Test
    void shouldRefuseXxeWithoutReadingFiles() {
        String key = Webhooks.mpChannel(false);
        postMpPlain(key, payload("wechat-mp/xxe.xml"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("DOCTYPE"))
                .body(not(containsString("root:")));
        assertEquals(0, inbox(key).size());
    }

    @Test
    void shouldRefuseBillionLaughsFast() {
        // refused for its DOCTYPE, so no entity is ever expanded (the parser's own cost, measured in
        // CPU time rather than wall time, is WechatCryptoTest.shouldRefuseDoctypeAndEntitiesFast)
        String key = Webhooks.mpChannel(false);
        postMpPlain(key, payload("wechat-mp/billion-laughs.xml"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("DOCTYPE"));
        // also when the DOCTYPE hides inside an encrypted safe-mode message
        String safe = Webhooks.mpChannel(true);
        Webhooks.postMpSafe(safe, payload("wechat-mp/billion-laughs.xml"))
                .then()
                .statusCode(400)
                .body("detail", containsString("DOCTYPE"));
        assertEquals(0, inbox(key).size());
        assertEquals(0, inbox(safe).size());
    }

    @Test
    void shouldRejectMalformedXmlAndJson() {
        String key = Webhooks.mpChannel(false);
        postMpPlain(key, "<xml><MsgType>text</MsgType>").then().statusCode(400).contentType("application/problem+json");
        postMpPlain(key, "<xml><MsgType>text</MsgType></xml>")
                .then()
                .statusCode(400)
                .body("detail", containsString("FromUserName"));
        postMpPlain(key, payload("wechat-mp/text.xml").replace("1710000000", "soon"))
                .then()
                .statusCode(400);
        String bridge = Webhooks.bridgeChannel();
        Webhooks.postBridge(bridge, "{\"messageId\": ").then().statusCode(400).body("detail", containsString("JSON"));
        Webhooks.postBridge(bridge, "{\"messageId\":\"m1\"}")
                .then()
                .statusCode(400)
                .body("detail", containsString("sender.id"));
        String robot = Webhooks.wecomBotChannel();
        Webhooks.postWecomBot(robot, "{\"msgid\":").then().statusCode(400);
        assertEquals(0, inbox(key).size());
        assertEquals(0, inbox(bridge).size());
        assertEquals(0, inbox(robot).size());
    }

    @Test
    void shouldRejectBadUtf8() {
        String key = Webhooks.mpChannel(false);
        byte[] xml = payload("wechat-mp/text.xml").getBytes(StandardCharsets.UTF_8);
        byte[] bad = Arrays.copyOf(xml, xml.length);
        int at = new String(xml, StandardCharsets.ISO_8859_1).indexOf("The street");
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28;
        postMpPlain(key, bad, Webhooks.now()).then().statusCode(400).body("detail", containsString("UTF-8"));
        String app = Webhooks.wecomAppChannel();
        byte[] badMsg = {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28};
        Webhooks.postWecomEncrypted(app, raw(withLength(badMsg, CORP_ID, badMsg.length, 0)))
                .then()
                .statusCode(400)
                .body("detail", containsString("UTF-8"));
        assertEquals(0, inbox(key).size());
        assertEquals(0, inbox(app).size());
    }

    @Test
    void shouldRejectBadBase64AndBadPadding() {
        String app = Webhooks.wecomAppChannel();
        Webhooks.postWecomEncrypted(app, "not*base64*at*all")
                .then()
                .statusCode(400)
                .body("detail", containsString("base64"));
        Webhooks.postWecomEncrypted(app, Base64.getEncoder().encodeToString(new byte[40]))
                .then()
                .statusCode(400);
        byte[] msg = "<xml/>".getBytes(StandardCharsets.UTF_8);
        Webhooks.postWecomEncrypted(app, raw(withLength(msg, CORP_ID, msg.length, 33)))
                .then()
                .statusCode(400)
                .body("detail", containsString("padding"));
        Webhooks.postWecomEncrypted(app, raw(withLength(msg, CORP_ID, msg.length, -1)))
                .then()
                .statusCode(400)
                .body("detail", containsString("padding"));
        assertEquals(0, inbox(app).size());
    }

    @Test
    void shouldRejectAWrongLengthField() {
        String app = Webhooks.wecomAppChannel();
        byte[] msg = payload("wecom-app/text.xml").getBytes(StandardCharsets.UTF_8);
        Webhooks.postWecomEncrypted(app, raw(withLength(msg, CORP_ID, msg.length + 500, 0)))
                .then()
                .statusCode(400)
                .body("detail", containsString("length"));
        assertEquals(0, inbox(app).size());
    }

    @Test
    void shouldRejectAMessageForAnotherReceiveId() {
        String app = Webhooks.wecomAppChannel();
        String forOtherCorp =
                Webhooks.wecomSdk("ww0ther0corp0id").encrypt("0123456789abcdef", payload("wecom-app/text.xml"));
        Webhooks.postWecomEncrypted(app, forOtherCorp)
                .then()
                .statusCode(401)
                .body("detail", containsString("receive id"));
        String mp = Webhooks.mpChannel(true);
        String encrypted = Webhooks.wecomSdk("wxanotherapp").encrypt("0123456789abcdef", payload("wechat-mp/text.xml"));
        String ts = Webhooks.now();
        given().queryParam("signature", sha1Sorted(TOKEN, ts, "5"))
                .queryParam("timestamp", ts)
                .queryParam("nonce", "5")
                .queryParam("encrypt_type", "aes")
                .queryParam("msg_signature", sha1Sorted(TOKEN, ts, "5", encrypted))
                .body("<xml><ToUserName>gh</ToUserName><Encrypt>" + encrypted + "</Encrypt></xml>")
                .post("/webhooks/" + mp)
                .then()
                .statusCode(401);
        assertEquals(0, inbox(app).size());
        assertEquals(0, inbox(mp).size());
    }

    @Test
    void shouldRefuseEncryptedCallbacksOnAPlaintextOnlyChannel() {
        String key = Webhooks.mpChannel(false);
        ValidatableResponse r =
                Webhooks.postMpSafe(key, payload("wechat-mp/text.xml")).then();
        r.statusCode(400).body("detail", containsString("EncodingAESKey"));
        assertEquals(0, inbox(key).size());
    }

    @Test
    void shouldNotLeakInternalsInProblems() {
        String key = Webhooks.mpChannel(false);
        postMpPlain(key, "\u0000\u0001garbage")
                .then()
                .statusCode(400)
                .body("status", equalTo(400))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }

    // --- crafted ciphertexts, built with the JDK directly ---

    /** random(16) + length field + msg + receiveId, PKCS#7-padded to 32 (or with a bad pad byte). */
    static byte[] withLength(byte[] msg, String receiveId, int lengthField, int badPad) {
        byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
        int n = 20 + msg.length + id.length;
        int pad = 32 - n % 32;
        ByteBuffer b = ByteBuffer.allocate(n + pad);
        b.put(new byte[16]).putInt(lengthField).put(msg).put(id);
        for (int i = 0; i < pad; i++) {
            b.put((byte) (badPad == 0 ? pad : badPad == -1 ? (i == 0 ? pad - 1 : pad) : badPad));
        }
        return b.array();
    }

    static String raw(byte[] plain) {
        try {
            byte[] k = Base64.getDecoder().decode(Webhooks.AES_KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(Arrays.copyOf(k, 16)));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
