package io.tongxin.opinion.intake;

import static io.tongxin.support.Api.admin;

import io.restassured.response.Response;
import io.tongxin.channel.CallbackXml;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;

/**
 * Talks to the opinion scripts the way the platforms do, over real HTTP: an Official Account in safe
 * mode (encrypted XML, the reply decrypted with the independent SDK), a WeCom app and a WeCom smart
 * robot, on channels the bot answers on in tests ({@code intake-*}).
 */
final class ScriptChats {

    private static final AtomicLong MSG_ID = new AtomicLong(System.nanoTime());

    private ScriptChats() {}

    /** A safe-mode Official Account channel; {@code language} null for the default (zh-CN). */
    static String officialAccount(String language) {
        String key = Api.uniq("intake-oa");
        Map<String, Object> c = new HashMap<>(Map.of(
                "key",
                key,
                "type",
                "wechat-mp",
                "name",
                "公众号",
                "token",
                Webhooks.TOKEN,
                "appId",
                Webhooks.MP_APP_ID,
                "encodingAesKey",
                Webhooks.AES_KEY));
        if (language != null) {
            c.put("language", language);
        }
        admin().body(c).post("/api/channels").then().statusCode(201);
        return key;
    }

    static String wecomApp(String language) {
        String key = Api.uniq("intake-app");
        Map<String, Object> c = new HashMap<>(Map.of(
                "key",
                key,
                "type",
                "wecom-app",
                "name",
                "企业微信应用",
                "token",
                Webhooks.TOKEN,
                "encodingAesKey",
                Webhooks.AES_KEY,
                "corpId",
                Webhooks.CORP_ID,
                "agentId",
                Webhooks.AGENT_ID,
                "secret",
                "app-secret-value-1234"));
        if (language != null) {
            c.put("language", language);
        }
        admin().body(c).post("/api/channels").then().statusCode(201);
        return key;
    }

    static String wecomRobot() {
        String key = Api.uniq("intake-robot");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "wecom-bot",
                        "name",
                        "智能机器人",
                        "token",
                        Webhooks.TOKEN,
                        "encodingAesKey",
                        Webhooks.AES_KEY,
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    /** A text from {@code openid} to the Official Account; the passive reply's text, or null. */
    static String oaText(String key, String openid, String content) {
        return oaReply(
                Webhooks.postMpSafe(key, oaXml(openid, "text", "<Content><![CDATA[" + content + "]]></Content>")));
    }

    /** An event ({@code subscribe}) from {@code openid}; the passive reply's text, or null. */
    static String oaEvent(String key, String openid, String event) {
        return oaReply(Webhooks.postMpSafe(
                key,
                oaXml(openid, "event", "<Event><![CDATA[" + event + "]]></Event><EventKey><![CDATA[]]></EventKey>")));
    }

    private static String oaXml(String openid, String type, String inner) {
        return "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + Webhooks.now() + "</CreateTime><MsgType><![CDATA[" + type
                + "]]></MsgType>" + inner
                + ("text".equals(type) ? "<MsgId>" + MSG_ID.incrementAndGet() + "</MsgId>" : "")
                + "</xml>";
    }

    private static String oaReply(Response r) {
        String body = r.then().statusCode(200).extract().asString();
        if (body == null || body.isBlank() || "success".equals(body.strip())) {
            return null;
        }
        Map<String, String> env = CallbackXml.parse(body);
        String plain =
                Webhooks.mpSdk().decryptXml(env.get("MsgSignature"), env.get("TimeStamp"), env.get("Nonce"), body);
        return WxMpXmlMessage.fromXml(plain).getContent();
    }

    /** A WeCom app event ({@code enter_agent}) from {@code userId}; the passive reply's text, or null. */
    static String wecomAppEvent(String key, String userId, String event) {
        String xml = "<xml><ToUserName><![CDATA[" + Webhooks.CORP_ID + "]]></ToUserName><FromUserName><![CDATA["
                + userId + "]]></FromUserName><CreateTime>" + Webhooks.now()
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + event
                + "]]></Event><EventKey><![CDATA[]]></EventKey><AgentID>" + Webhooks.AGENT_ID + "</AgentID></xml>";
        String body = Webhooks.postWecomEncrypted(
                        key, Webhooks.wecomSdk(Webhooks.CORP_ID).encrypt("0123456789abcdef", xml))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        if (body == null || body.isBlank() || "success".equals(body.strip())) {
            return null;
        }
        Map<String, String> env = CallbackXml.parse(body);
        String plain = Webhooks.wecomSdk(Webhooks.CORP_ID)
                .decryptXml(env.get("MsgSignature"), env.get("TimeStamp"), env.get("Nonce"), body);
        return WxMpXmlMessage.fromXml(plain).getContent();
    }

    /** A smart robot group message @-mentioning the bot; the stream reply's text, or null. */
    static String robotGroup(String key, String chatId, String userId, String text) throws Exception {
        String json = "{\"msgid\":\"" + MSG_ID.incrementAndGet() + "\",\"aibotid\":\"AIBOTID_t\",\"chatid\":\"" + chatId
                + "\",\"chattype\":\"group\",\"from\":{\"userid\":\"" + userId
                + "\"},\"response_url\":\"http://127.0.0.1:9/response\",\"msgtype\":\"text\",\"text\":{\"content\":\"@同心助手 "
                + text + "\"}}";
        String body = Webhooks.postWecomBot(key, json)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        if (body == null || body.isBlank()) {
            return null;
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var env = mapper.readTree(body);
        var plain =
                mapper.readTree(Webhooks.wecomSdk("").decrypt(env.get("encrypt").asText()));
        return plain.get("stream").get("content").asText();
    }

    static List<Map<String, Object>> opinionsOf(String communityCode) {
        return admin().queryParam("communityCode", communityCode)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }
}
