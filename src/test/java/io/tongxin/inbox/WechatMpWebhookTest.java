package io.tongxin.inbox;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.TOKEN;
import static io.tongxin.support.Webhooks.inbox;
import static io.tongxin.support.Webhooks.payload;
import static io.tongxin.support.Webhooks.postMpPlain;
import static io.tongxin.support.Webhooks.postMpSafe;
import static io.tongxin.support.Webhooks.sha1Sorted;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.channel.CallbackXml;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.junit.jupiter.api.Test;

/** WeChat Official Account callbacks, plaintext and safe mode, with recorded payloads. */
@QuarkusTest
class WechatMpWebhookTest {

    @Test
    void shouldEchoTheEchostrOnPlaintextUrlVerification() {
        String key = Webhooks.mpChannel(false);
        String ts = Webhooks.now();
        given().queryParam("signature", sha1Sorted(TOKEN, ts, "4711"))
                .queryParam("timestamp", ts)
                .queryParam("nonce", "4711")
                .queryParam("echostr", "8754230219384522519")
                .get("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body(equalTo("8754230219384522519"));
        given().queryParam("signature", "0000")
                .queryParam("timestamp", ts)
                .queryParam("nonce", "4711")
                .queryParam("echostr", "1")
                .get("/webhooks/" + key)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void shouldDecryptTheEchostrOnSafeModeUrlVerification() {
        String key = Webhooks.mpChannel(true);
        WxCryptUtil.EncryptContext ctx = Webhooks.encryptContext(Webhooks.mpSdk(), "5718431263827461");
        given().queryParam("msg_signature", ctx.getSignature())
                .queryParam("timestamp", ctx.getTimeStamp())
                .queryParam("nonce", ctx.getNonce())
                .queryParam("echostr", ctx.getEncrypt())
                .get("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body(equalTo("5718431263827461"));
    }

    @Test
    void shouldStoreATextMessageNormalisedAndAnswerSuccess() {
        String key = Webhooks.mpChannel(false);
        postMpPlain(key, payload("wechat-mp/text.xml")).then().statusCode(200).body(equalTo("success"));
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        Map<String, Object> m = rows.get(0);
        assertEquals("text", m.get("kind"));
        assertEquals("wechat-mp", m.get("channelType"));
        assertEquals("oia2TjuEGTNoeX76QEjQNrcURxG8", m.get("senderId"));
        assertNull(m.get("chatId"), "an Official Account chat is direct");
        assertEquals("小区门口的路灯坏了 The street light at the gate is broken", m.get("text"));
        assertEquals("24436123456789012", m.get("platformMessageId"));
        assertEquals("2024-03-09T16:00:00Z", m.get("platformTime"));
        assertEquals(false, m.get("mentionsBot"));
        Number id = (Number) m.get("id");
        Api.admin()
                .get("/api/inbox/" + id)
                .then()
                .statusCode(200)
                .body("raw", containsString("<MsgId>24436123456789012"))
                .body("receivedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldNormaliseEveryMessageKind() {
        String key = Webhooks.mpChannel(false);
        for (String s : new String[] {
            "image", "voice", "location", "link", "event-subscribe", "event-unsubscribe", "event-click"
        }) {
            postMpPlain(key, payload("wechat-mp/" + s + ".xml"))
                    .then()
                    .statusCode(200)
                    .body(equalTo("success"));
        }
        Map<String, Map<String, Object>> byTime = new java.util.HashMap<>();
        for (Map<String, Object> r : inbox(key)) {
            byTime.put((String) r.get("platformTime"), r);
        }
        assertEquals(7, byTime.size());
        Map<String, Object> image = byTime.get("2024-03-09T16:00:10Z");
        assertEquals("image", image.get("kind"));
        assertNull(image.get("text"));
        Map<String, Object> voice = byTime.get("2024-03-09T16:00:20Z");
        assertEquals("voice", voice.get("kind"));
        assertEquals("楼道里的垃圾没人清理", voice.get("text"));
        Map<String, Object> location = byTime.get("2024-03-09T16:00:30Z");
        assertEquals("location", location.get("kind"));
        assertEquals("甘肃省张掖市山丹县清泉镇", location.get("text"));
        Map<String, Object> link = byTime.get("2024-03-09T16:00:40Z");
        assertEquals("link", link.get("kind"));
        assertEquals("社区公益课堂报名", link.get("text"));
        Map<String, Object> subscribe = byTime.get("2024-03-09T16:00:50Z");
        assertEquals("event", subscribe.get("kind"));
        assertEquals("subscribe", subscribe.get("event"));
        assertNull(subscribe.get("platformMessageId"));
        assertEquals("unsubscribe", byTime.get("2024-03-09T16:01:00Z").get("event"));
        Map<String, Object> click = byTime.get("2024-03-09T16:01:10Z");
        assertEquals("CLICK", click.get("event"));
        assertEquals("MENU_REPORT_CONCERN", click.get("eventKey"));
    }

    @Test
    void shouldDeduplicateEventsBySenderTimeAndEvent() {
        String key = Webhooks.mpChannel(false);
        postMpPlain(key, payload("wechat-mp/event-click.xml"))
                .then()
                .statusCode(200)
                .body(equalTo("success"));
        postMpPlain(key, payload("wechat-mp/event-click.xml"))
                .then()
                .statusCode(200)
                .body(equalTo("success"));
        // same sender and CreateTime but another menu key is a different event
        postMpPlain(key, payload("wechat-mp/event-click.xml").replace("MENU_REPORT_CONCERN", "MENU_HELP"))
                .then()
                .statusCode(200);
        assertEquals(2, inbox(key).size());
    }

    @Test
    void shouldAcceptSafeModeMessagesEncryptedByTheIndependentSdk() {
        String key = Webhooks.mpChannel(true);
        postMpSafe(key, payload("wechat-mp/text.xml")).then().statusCode(200).body(equalTo("success"));
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        assertEquals(
                "小区门口的路灯坏了 The street light at the gate is broken", rows.get(0).get("text"));
    }

    @Test
    void shouldAnswerAPlaintextPassiveReplyWithToAndFromSwapped() {
        String key = Webhooks.mpChannel(false);
        String body = postMpPlain(key, Webhooks.textXml("路灯坏了 #reply", 9001L))
                .then()
                .statusCode(200)
                .contentType(containsString("xml"))
                .extract()
                .asString();
        Map<String, String> reply = CallbackXml.parse(body);
        assertEquals("oia2Tju_tester", reply.get("ToUserName"));
        assertEquals("gh_7f083739789a", reply.get("FromUserName"));
        assertEquals("text", reply.get("MsgType"));
        assertTrue(
                reply.get("Content").startsWith("已收到，我们会尽快处理。Received, we will follow up. ]]> "), reply.get("Content"));
        WxMpXmlMessage parsed = WxMpXmlMessage.fromXml(body);
        assertEquals("oia2Tju_tester", parsed.getToUser());
        assertEquals("processed", inbox(key).get(0).get("status"));
        // answered inline, so nothing more is sent
        assertEquals("inline", inbox(key).get(0).get("replyDelivery"));
        admin().queryParam("origin", "inbox:" + inbox(key).get(0).get("id"))
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void shouldEncryptTheSafeModePassiveReplySoTheIndependentSdkDecryptsIt() {
        String key = Webhooks.mpChannel(true);
        String body = postMpSafe(key, Webhooks.textXml("我想报名 #reply", 9002L))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, String> envelope = CallbackXml.parse(body);
        assertTrue(envelope.keySet().containsAll(List.of("Encrypt", "MsgSignature", "TimeStamp", "Nonce")), body);
        WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
        config.setAppId(Webhooks.MP_APP_ID);
        config.setToken(TOKEN);
        config.setAesKey(Webhooks.AES_KEY);
        String plain = new WxMpCryptUtil(config)
                .decryptXml(envelope.get("MsgSignature"), envelope.get("TimeStamp"), envelope.get("Nonce"), body);
        WxMpXmlMessage reply = WxMpXmlMessage.fromXml(plain);
        assertEquals("oia2Tju_tester", reply.getToUser());
        assertEquals("gh_7f083739789a", reply.getFromUser());
        assertEquals("text", reply.getMsgType());
        assertTrue(reply.getContent().contains("Received, we will follow up."));
    }

    @Test
    void shouldAcknowledgeWithinTheBudgetWhenTheHandlerIsSlow() {
        String key = Webhooks.mpChannel(false);
        // the handler cannot answer before it is released, and it is released only after the
        // acknowledgement: the webhook answered without waiting for it
        postMpPlain(key, Webhooks.textXml("慢 #slow", 9003L))
                .then()
                .statusCode(200)
                .body(equalTo("success"));
        assertEquals("processing", inbox(key).get(0).get("status"), "still waiting for the handler");
        TestInboundHandler.releaseSlow(key);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> "processed".equals(inbox(key).get(0).get("status")));
        Map<String, Object> row = inbox(key).get(0);
        assertEquals("slow reply", row.get("reply"));
        // the answer had gone without it, so the reply is sent to the follower as a customer-service message
        assertEquals("outbox", row.get("replyDelivery"));
        admin().queryParam("origin", "inbox:" + row.get("id"))
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].target", equalTo("user:oia2Tju_tester"))
                .body("items[0].text", equalTo("slow reply"))
                .body("items[0].mentions", equalTo(List.of()));
    }
}
