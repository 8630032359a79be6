package io.tongxin.opinion.intake;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.TOKEN;
import static io.tongxin.support.Webhooks.sha1Sorted;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Official Account plaintext mode signs the URL (token, timestamp, nonce), not the body. A signed URL
 * must not carry a body in someone else's name: the openid WeChat adds must be the body's sender, one
 * signature carries one message, and member commands and ratings are refused for unverified senders
 * (the probe that found it acknowledged and resolved an opinion as a member). Safe mode still works.
 */
@QuarkusTest
class PlaintextModeTest {

    private static final AtomicLong MSG_ID = new AtomicLong(System.nanoTime());

    /** A plaintext and a safe-mode channel, a community, a member with an identity on both, an opinion assigned to them. */
    static final class World {
        final String plain = Api.uniq("intake-mp");
        final String safe = Api.uniq("intake-mps");
        final String sector = Api.uniq("sec");
        final String community = Api.uniq("com");
        final String member = Api.uniq("m");
        final String memberOpenId = "o-" + member;
        final String residentOpenId = "o-" + Api.uniq("rt");
        String number;
    }

    private World world() {
        World w = new World();
        for (String key : List.of(w.plain, w.safe)) {
            Map<String, Object> c = new HashMap<>(Map.of(
                    "key", key, "type", "wechat-mp", "name", "公众号", "token", TOKEN, "appId", Webhooks.MP_APP_ID));
            if (key.equals(w.safe)) {
                c.put("encodingAesKey", Webhooks.AES_KEY);
            }
            admin().body(c).post("/api/channels").then().statusCode(201);
        }
        admin().body(Map.of("code", w.sector, "name", "界别 " + w.sector))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        String workstation = Api.uniq("ws");
        admin().body(Map.of("code", workstation, "name", "工作站 " + workstation))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code", w.community, "name", "清泉社区", "councilName", "协商议事会", "workstationCode", workstation))
                .post("/api/communities")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code",
                        w.member,
                        "name",
                        "王建国",
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "communityCodes",
                        List.of(w.community),
                        "identities",
                        List.of(
                                Map.of("channelKey", w.plain, "userId", w.memberOpenId),
                                Map.of("channelKey", w.safe, "userId", w.memberOpenId))))
                .post("/api/members")
                .then()
                .statusCode(201);
        w.number = admin().body(Map.of("text", "清泉路的路灯坏了一周，晚上很危险", "communityCode", w.community))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("assignee.code", equalTo(w.member))
                .extract()
                .path("number");
        return w;
    }

    private static String text(String from, String content) {
        return "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[" + from
                + "]]></FromUserName><CreateTime>" + Webhooks.now()
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + MSG_ID.incrementAndGet() + "</MsgId></xml>";
    }

    /** A plaintext POST on one signed URL, as an attacker holding it would send any body. */
    private static Response postSigned(String key, String timestamp, String nonce, String openid, String xml) {
        var r = given().contentType("text/xml")
                .queryParam("signature", sha1Sorted(TOKEN, timestamp, nonce))
                .queryParam("timestamp", timestamp)
                .queryParam("nonce", nonce);
        if (openid != null) {
            r = r.queryParam("openid", openid);
        }
        return r.body(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/webhooks/" + key);
    }

    private static int opinionsIn(World w) {
        return admin().queryParam("communityCode", w.community)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static String status(World w) {
        return admin().get("/api/opinions/" + w.number)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    @Test
    void shouldRefuseABodyWhoseSenderIsNotTheSignedOpenid() {
        World w = world();
        String ts = Webhooks.now();
        postSigned(w.plain, ts, "n-1", "o-rt-user2", text(w.memberOpenId, "收到 " + w.number))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("openid"));
        assertEquals("assigned", status(w));
        assertEquals(0, Webhooks.inbox(w.plain).size(), "a refused body is not stored");
    }

    @Test
    void shouldLetOneSignatureCarryOneMessageOnlyButAcceptThePlatformsRetries() {
        World w = world();
        String ts = Webhooks.now();
        String first = text(w.residentOpenId, "小区南门的积水一直没人管");
        postSigned(w.plain, ts, "n-2", w.residentOpenId, first).then().statusCode(200);
        // WeChat retrying the same message with the same signed URL: deduplicated, answered again
        postSigned(w.plain, ts, "n-2", w.residentOpenId, first).then().statusCode(200);
        // another body under the same signature: a replay
        postSigned(w.plain, ts, "n-2", w.residentOpenId, text(w.residentOpenId, "另一条消息"))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("already used"));
        List<Map<String, Object>> rows = Webhooks.inbox(w.plain);
        assertEquals(1, rows.size(), "one message under one signature: " + rows);
        assertEquals(false, rows.get(0).get("senderVerified"));
        // the same nonce with a new timestamp is a new signature
        postSigned(
                        w.plain,
                        Long.toString(Long.parseLong(ts) + 1),
                        "n-2",
                        w.residentOpenId,
                        text(w.residentOpenId, "第三条"))
                .then()
                .statusCode(200);
    }

    @Test
    void shouldRefuseMemberCommandsFromAnUnverifiedSenderAndTakeThemInSafeMode() {
        World w = world();
        // no openid on the URL at all: the body alone names the member
        postSigned(w.plain, Webhooks.now(), "n-3", null, text(w.memberOpenId, "收到 " + w.number))
                .then()
                .statusCode(200)
                .body(containsString("无法核实发送者身份"))
                .body(not(containsString("Acknowledged")));
        postSigned(w.plain, Webhooks.now(), "n-4", w.memberOpenId, text(w.memberOpenId, "办结 " + w.number + " 已修好"))
                .then()
                .statusCode(200)
                .body(containsString("无法核实发送者身份"));
        // a member's ordinary message is not filed as a resident's concern in their name either
        postSigned(w.plain, Webhooks.now(), "n-4b", w.memberOpenId, text(w.memberOpenId, "清泉路的路灯又坏了好几盏"))
                .then()
                .statusCode(200)
                .body(containsString("无法核实发送者身份"));
        assertEquals(1, opinionsIn(w), "no opinion filed from an unverified member identity");
        assertEquals("assigned", status(w), "nothing was done in the member's name");

        // the same member on a safe-mode (encrypted, authenticated) channel is taken at their word
        Webhooks.postMpSafe(w.safe, text(w.memberOpenId, "收到 " + w.number))
                .then()
                .statusCode(200);
        assertEquals("acknowledged", status(w));
    }

    @Test
    void shouldRefuseARatingFromAnUnverifiedSender() {
        World w = world();
        String resident = Api.uniq("r");
        admin().body(Map.of("code", resident, "channelKey", w.plain, "userId", w.residentOpenId))
                .post("/api/residents")
                .then()
                .statusCode(201);
        String number = admin().body(
                        Map.of("text", "楼道灯不亮，晚上上楼很危险", "communityCode", w.community, "residentCode", resident))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .extract()
                .path("number");
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "已更换灯泡"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
        postSigned(w.plain, Webhooks.now(), "n-5", w.residentOpenId, text(w.residentOpenId, "5"))
                .then()
                .statusCode(200)
                .body(containsString("无法核实发送者身份"));
        admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved"))
                .body("satisfaction", equalTo(null));
    }

    @Test
    void shouldStillFileAResidentsReportOnPlaintextMode() {
        World w = world();
        postSigned(w.plain, Webhooks.now(), "n-6", w.residentOpenId, text(w.residentOpenId, "清泉路的下水道堵了三天了"))
                .then()
                .statusCode(200)
                .body(containsString("问题发生在哪个社区"));
        postSigned(w.plain, Webhooks.now(), "n-6b", w.residentOpenId, text(w.residentOpenId, w.community))
                .then()
                .statusCode(200)
                .body(containsString("手机号码"));
        postSigned(w.plain, Webhooks.now(), "n-6c", w.residentOpenId, text(w.residentOpenId, "跳过"))
                .then()
                .statusCode(200)
                .body(containsString("社区：清泉社区"));
        postSigned(w.plain, Webhooks.now(), "n-6d", w.residentOpenId, text(w.residentOpenId, "1"))
                .then()
                .statusCode(200)
                .body(containsString("已收到您反映的问题"))
                .body(not(containsString("Received")));
        assertEquals(2, opinionsIn(w), "filed in the community chosen");
    }

    @Test
    void shouldRefuseAPlaintextBodyOnASafeModeChannel() {
        World w = world();
        // a captured safe-mode URL also carries the plaintext signature: dropping encrypt_type and
        // msg_signature must not turn it into a plaintext callback with any body
        postSigned(w.safe, Webhooks.now(), "n-7", w.residentOpenId, text(w.residentOpenId, "任意正文"))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("safe mode"));
        assertEquals(0, Webhooks.inbox(w.safe).size());
    }
}
