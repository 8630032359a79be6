package io.tongxin.inbox;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.inbox;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WeCom documentation's published sample requests (corp wx5823bf96d3bd56c7, token QDG6eK, agent
 * 218), replayed over HTTP exactly as printed. They carry 2014 timestamps, so this class runs with
 * {@code tongxin.webhook.max-clock-skew=0}, which also proves that 0 disables the replay check.
 */
@QuarkusTest
@TestProfile(AlternateSettings.class)
class OfficialSampleWebhookTest {

    static String sampleChannel() {
        String key = Api.uniq("sample");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "wecom-app",
                        "name",
                        "官方样例",
                        "token",
                        "QDG6eK",
                        "encodingAesKey",
                        "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
                        "corpId",
                        "wx5823bf96d3bd56c7",
                        "agentId",
                        218,
                        "secret",
                        "sample-secret-123456"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    @Test
    void shouldVerifyThePublishedUrlSampleAsPrintedWithPercentEncoding() {
        String key = sampleChannel();
        given().urlEncodingEnabled(false)
                .get("/webhooks/" + key + "?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
                        + "&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3"
                        + "zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D")
                .then()
                .statusCode(200)
                .body(equalTo("1616140317555161061"));
    }

    @Test
    void shouldVerifyThePublishedUrlSampleWithRawPlusSigns() {
        String key = sampleChannel();
        given().urlEncodingEnabled(false)
                .get("/webhooks/" + key + "?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
                        + "&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3"
                        + "zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")
                .then()
                .statusCode(200)
                .body(equalTo("1616140317555161061"));
    }

    @Test
    void shouldAcceptThePublishedMessageSample() {
        String key = sampleChannel();
        given().contentType("text/xml")
                .queryParam("msg_signature", "477715d11cdb4164915debcba66cb864d751f3e6")
                .queryParam("timestamp", "1409659813")
                .queryParam("nonce", "1372623149")
                .body("<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA["
                        + io.tongxin.channel.WechatCryptoTest.REQ_ENCRYPT + "]]></Encrypt><AgentID><![CDATA[218]]>"
                        + "</AgentID></xml>")
                .post("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body(equalTo("success"));
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        assertEquals("mycreate", rows.get(0).get("senderId"));
        assertEquals("hello", rows.get(0).get("text"));
        assertEquals("4561255354251345929", rows.get(0).get("platformMessageId"));
    }
}
