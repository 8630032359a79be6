package io.tongxin.inbox;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Webhooks.CORP_ID;
import static io.tongxin.support.Webhooks.TOKEN;
import static io.tongxin.support.Webhooks.inbox;
import static io.tongxin.support.Webhooks.payload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.channel.CallbackXml;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.junit.jupiter.api.Test;

/** WeCom app (XML) and smart robot (JSON) callbacks, encrypted by the independent SDK. */
@QuarkusTest
class WecomWebhookTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAnswerTheBarePlaintextOnWecomAppUrlVerification() {
        String key = Webhooks.wecomAppChannel();
        WxCryptUtil.EncryptContext ctx = Webhooks.encryptContext(Webhooks.wecomSdk(CORP_ID), "1616140317555161061");
        String body = given().queryParam("msg_signature", ctx.getSignature())
                .queryParam("timestamp", ctx.getTimeStamp())
                .queryParam("nonce", ctx.getNonce())
                .queryParam("echostr", ctx.getEncrypt())
                .get("/webhooks/" + key)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals("1616140317555161061", body, "no quotes, BOM or newline");
    }

    @Test
    void shouldKeepALiteralPlusInTheEchostrThroughUrlDecoding() {
        String key = Webhooks.wecomAppChannel();
        WxCryptUtil sdk = Webhooks.wecomSdk(CORP_ID);
        WxCryptUtil.EncryptContext ctx = Webhooks.encryptContext(sdk, "echo-0");
        for (int i = 1; !ctx.getEncrypt().contains("+"); i++) {
            ctx = Webhooks.encryptContext(sdk, "echo-" + i);
        }
        String expected = sdk.decrypt(ctx.getEncrypt());
        // as the platform sends it, percent-encoded
        given().queryParam("msg_signature", ctx.getSignature())
                .queryParam("timestamp", ctx.getTimeStamp())
                .queryParam("nonce", ctx.getNonce())
                .queryParam("echostr", ctx.getEncrypt())
                .get("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body(equalTo(expected));
        // as a proxy may pass it on, with a raw '+' that form decoding would turn into a space
        String raw = "/webhooks/" + key + "?msg_signature=" + ctx.getSignature() + "&timestamp=" + ctx.getTimeStamp()
                + "&nonce=" + ctx.getNonce() + "&echostr="
                + ctx.getEncrypt().replace("=", "%3D").replace("/", "%2F");
        given().urlEncodingEnabled(false).get(raw).then().statusCode(200).body(equalTo(expected));
    }

    @Test
    void shouldStoreAWecomAppTextMessageWithAgentId() {
        String key = Webhooks.wecomAppChannel();
        String encrypted = Webhooks.wecomSdk(CORP_ID).encrypt("0123456789abcdef", payload("wecom-app/text.xml"));
        Webhooks.postWecomEncrypted(key, encrypted).then().statusCode(200).body(equalTo("success"));
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        assertEquals("ZhangSan", rows.get(0).get("senderId"));
        assertEquals("我的任务 my tasks", rows.get(0).get("text"));
        assertEquals("7395012345678901234", rows.get(0).get("platformMessageId"));
        assertEquals("wecom-app", rows.get(0).get("channelType"));
    }

    @Test
    void shouldRefuseAWecomAppMessageForAnotherAgent() {
        String key = Webhooks.wecomAppChannel();
        String encrypted =
                Webhooks.wecomSdk(CORP_ID).encrypt("0123456789abcdef", payload("wecom-app/text-other-agent.xml"));
        Webhooks.postWecomEncrypted(key, encrypted)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("AgentID"));
        assertEquals(0, inbox(key).size());
    }

    @Test
    void shouldEncryptTheWecomAppPassiveReplySoTheIndependentSdkDecryptsIt() {
        String key = Webhooks.wecomAppChannel();
        String xml = payload("wecom-app/text.xml").replace("我的任务 my tasks", "我的任务 #reply");
        String body = Webhooks.postWecomEncrypted(
                        key, Webhooks.wecomSdk(CORP_ID).encrypt("0123456789abcdef", xml))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, String> env = CallbackXml.parse(body);
        String plain = Webhooks.wecomSdk(CORP_ID)
                .decryptXml(env.get("MsgSignature"), env.get("TimeStamp"), env.get("Nonce"), body);
        WxMpXmlMessage reply = WxMpXmlMessage.fromXml(plain);
        assertEquals("ZhangSan", reply.getToUser());
        assertEquals(CORP_ID, reply.getFromUser());
        assertTrue(reply.getContent().contains("Received"));
    }

    @Test
    void shouldVerifyTheSmartRobotUrlWithAnEmptyReceiveId() {
        String key = Webhooks.wecomBotChannel();
        WxCryptUtil.EncryptContext ctx = Webhooks.encryptContext(Webhooks.wecomSdk(""), "robot-echo-42");
        given().queryParam("msg_signature", ctx.getSignature())
                .queryParam("timestamp", ctx.getTimeStamp())
                .queryParam("nonce", ctx.getNonce())
                .queryParam("echostr", ctx.getEncrypt())
                .get("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body(equalTo("robot-echo-42"));
    }

    @Test
    void shouldStoreASmartRobotGroupMessageWithTheMentionAndResponseUrl() {
        String key = Webhooks.wecomBotChannel();
        Webhooks.postWecomBot(key, payload("wecom-bot/group-text.json"))
                .then()
                .statusCode(200)
                .body(emptyString());
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        Map<String, Object> m = rows.get(0);
        assertEquals("wrkSFfCgAAtMQKg4xqDatM5C9IDHFpTw", m.get("chatId"));
        assertEquals("lisi", m.get("senderId"));
        assertEquals("楼道灯不亮了，请帮忙反映", m.get("text"));
        assertEquals(true, m.get("mentionsBot"));
        assertEquals(List.of("AIBOTID_shandan"), m.get("mentions"));
        assertEquals("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", m.get("platformMessageId"));
        String detail = Api.admin()
                .get("/api/inbox/" + m.get("id"))
                .then()
                .statusCode(200)
                .body("raw", containsString("\"msgid\""))
                .extract()
                .asString();
        assertTrue(!detail.contains("RESPONSECODE_SECRET"), "the response_url is a credential and stays hidden");
    }

    @Test
    void shouldTreatASmartRobotSingleChatAsDirect() {
        String key = Webhooks.wecomBotChannel();
        Webhooks.postWecomBot(key, payload("wecom-bot/single-text.json")).then().statusCode(200);
        Map<String, Object> m = inbox(key).get(0);
        assertNull(m.get("chatId"));
        assertEquals("帮助", m.get("text"));
        assertEquals(false, m.get("mentionsBot"));
    }

    @Test
    void shouldAnswerASmartRobotWithAnEncryptedStreamReply() throws Exception {
        String key = Webhooks.wecomBotChannel();
        String body = Webhooks.postWecomBot(
                        key, payload("wecom-bot/group-text.json").replace("请帮忙反映", "#reply"))
                .then()
                .statusCode(200)
                .body(not(emptyString()))
                .extract()
                .asString();
        JsonNode env = JSON.readTree(body);
        assertEquals(
                Webhooks.sha1Sorted(
                        TOKEN,
                        env.get("timestamp").asText(),
                        env.get("nonce").asText(),
                        env.get("encrypt").asText()),
                env.get("msgsignature").asText());
        JsonNode plain =
                JSON.readTree(Webhooks.wecomSdk("").decrypt(env.get("encrypt").asText()));
        assertEquals("stream", plain.get("msgtype").asText());
        assertEquals(true, plain.get("stream").get("finish").asBoolean());
        assertTrue(plain.get("stream").get("content").asText().contains("lisi"));
    }

    /** Too late for the answer: the smart robot's reply goes to the callback's response_url, @-mentioning the sender. */
    @Test
    void shouldSendALateSmartRobotReplyToItsResponseUrl() {
        String key = Webhooks.wecomBotChannel();
        Webhooks.postWecomBot(key, payload("wecom-bot/group-text.json").replace("请帮忙反映", "#slow"))
                .then()
                .statusCode(200);
        TestInboundHandler.releaseSlow(key); // only now: the budget ran out before the handler answered
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> "processed".equals(inbox(key).get(0).get("status")));
        Map<String, Object> row = inbox(key).get(0);
        assertEquals("outbox", row.get("replyDelivery"));
        io.tongxin.support.Api.admin()
                .queryParam("origin", "inbox:" + row.get("id"))
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].target", org.hamcrest.Matchers.startsWith("reply:"))
                .body("items[0].target", not(org.hamcrest.Matchers.containsString("RESPONSECODE_SECRET")))
                .body("items[0].mentions", org.hamcrest.Matchers.equalTo(List.of("lisi")))
                .body("items[0].text", org.hamcrest.Matchers.equalTo("slow reply"));
    }

    /** No response_url and no robot webhook for the group: nowhere to send it, and the inbox says so. */
    @Test
    void shouldKeepALateReplyUnaddressedWhenTheChatCannotBeReached() {
        String key = Webhooks.wecomBotChannel();
        String json = payload("wecom-bot/group-text.json")
                .replace("请帮忙反映", "#slow")
                .replaceAll("\"response_url\":\"[^\"]*\",", "");
        Webhooks.postWecomBot(key, json).then().statusCode(200);
        TestInboundHandler.releaseSlow(key); // only now: the budget ran out before the handler answered
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> "processed".equals(inbox(key).get(0).get("status")));
        Map<String, Object> row = inbox(key).get(0);
        assertEquals("unaddressed", row.get("replyDelivery"));
        assertEquals("slow reply", row.get("reply"));
        io.tongxin.support.Api.admin()
                .queryParam("origin", "inbox:" + row.get("id"))
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0));
    }
}
