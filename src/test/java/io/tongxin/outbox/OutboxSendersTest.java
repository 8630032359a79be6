package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each sender's exact request (path, query, body, headers) against a local stand-in for the platform. */
@QuarkusTest
class OutboxSendersTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    MutableClock clock;

    @Inject
    ObjectMapper json;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    long enqueue(String channel, Target target, Content content) {
        return outbox.enqueue(
                        OutboundMessage.of(uniq("k"), channel, target, content, Origin.of("opinion", "2024-0001")))
                .id();
    }

    void assertJson(String expected, String actual) throws Exception {
        assertEquals(json.readTree(expected), json.readTree(actual), actual);
    }

    @Test
    void shouldPostRobotTextWithMentionsToTheWebhookKey() throws Exception {
        String channel = Channels.wecomBot(stub.baseUrl());
        String key = uniq("robotkey");
        long id = enqueue(
                channel,
                Target.robot("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key),
                Content.text("请委员跟进：小区路灯不亮").mentioning("zhangsan", "@all").mentioningMobiles("13800001111"));
        dispatcher.drain();

        List<PlatformStub.Request> sent = stub.requests("/cgi-bin/webhook/send");
        assertEquals(1, sent.size());
        assertEquals("POST", sent.get(0).method());
        assertEquals(Map.of("key", key), sent.get(0).query());
        assertJson("""
                {"msgtype":"text","text":{"content":"请委员跟进：小区路灯不亮",
                 "mentioned_list":["zhangsan","@all"],"mentioned_mobile_list":["13800001111"]}}""", sent.get(0).body());
        admin().get("/api/outbox/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("sent"))
                .body("attempts", equalTo(1))
                .body("channelKey", equalTo(channel))
                .body("target", equalTo("robot:****" + key.substring(key.length() - 4)))
                .body("sentAt", notNullValue())
                .body("origin.type", equalTo("opinion"))
                .body("history[0].sender", equalTo("wecom-robot"))
                .body("history[0].outcome", equalTo("sent"))
                .body("mentions", equalTo(List.of("zhangsan", "@all", "138****1111")));
    }

    @Test
    void shouldPostRobotMarkdownWithInlineMentions() throws Exception {
        String channel = Channels.wecomBot(stub.baseUrl());
        String key = uniq("robotkey");
        enqueue(
                channel,
                Target.robot(key),
                Content.markdown("**新意见** 2024-0002").mentioning("lisi"));
        dispatcher.drain();

        List<PlatformStub.Request> sent = stub.requests("/cgi-bin/webhook/send");
        assertEquals(1, sent.size());
        assertEquals(key, sent.get(0).query().get("key"));
        assertJson("""
                {"msgtype":"markdown","markdown":{"content":"**新意见** 2024-0002\\n<@lisi>"}}""", sent.get(0).body());
    }

    @Test
    void shouldSendWecomAppMessagesToUsersAndAppChatsWithOneCachedToken() throws Exception {
        stub.always(
                "/cgi-bin/gettoken",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-A\",\"expires_in\":7200}");
        String channel = Channels.wecomApp(stub.baseUrl());
        long toUser = enqueue(channel, Target.user("zhangsan"), Content.text("您有一条新的社情民意待处理"));
        long toChat = enqueue(channel, Target.chat("wrChat001"), Content.markdown("**活动提醒**"));
        dispatcher.drain();

        List<PlatformStub.Request> tokens = stub.requests("/cgi-bin/gettoken");
        assertEquals(1, tokens.size(), "one token for both messages");
        assertEquals(
                Map.of("corpid", "wwcorp0001", "corpsecret", "app-secret-value-1234"),
                tokens.get(0).query());
        assertEquals("GET", tokens.get(0).method());

        List<PlatformStub.Request> send = stub.requests("/cgi-bin/message/send");
        assertEquals(1, send.size());
        assertEquals(Map.of("access_token", "TOKEN-A"), send.get(0).query());
        assertJson("""
                {"touser":"zhangsan","msgtype":"text","agentid":1000002,"text":{"content":"您有一条新的社情民意待处理"}}""", send.get(0).body());

        List<PlatformStub.Request> chat = stub.requests("/cgi-bin/appchat/send");
        assertEquals(1, chat.size());
        assertEquals(Map.of("access_token", "TOKEN-A"), chat.get(0).query());
        assertJson("""
                {"chatid":"wrChat001","msgtype":"markdown","markdown":{"content":"**活动提醒**"}}""", chat.get(0).body());

        admin().get("/api/outbox/" + toUser)
                .then()
                .body("status", equalTo("sent"))
                .body("target", equalTo("user:zhangsan"));
        admin().get("/api/outbox/" + toChat)
                .then()
                .body("status", equalTo("sent"))
                .body("target", equalTo("chat:wrChat001"));
    }

    @Test
    void shouldDeadLetterAWecomAppMessageToAnInvalidUser() {
        stub.always(
                "/cgi-bin/gettoken",
                "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TOKEN-B\",\"expires_in\":7200}");
        stub.then("/cgi-bin/message/send", "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"ghost\"}");
        String channel = Channels.wecomApp(stub.baseUrl());
        long id = enqueue(channel, Target.user("ghost"), Content.text("hello"));
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("dead"))
                .body("lastErrorCode", equalTo("invaliduser"));
    }

    @Test
    void shouldSendOfficialAccountCustomerServiceMessages() throws Exception {
        stub.always("/cgi-bin/token", "{\"access_token\":\"MPTOKEN\",\"expires_in\":7200}");
        String channel = Channels.wechatMp(stub.baseUrl());
        long id = enqueue(channel, Target.user("oOPENID123"), Content.text("您反映的问题已受理，编号 2024-0003"));
        dispatcher.drain();

        List<PlatformStub.Request> tokens = stub.requests("/cgi-bin/token");
        assertEquals(1, tokens.size());
        assertEquals(
                Map.of("grant_type", "client_credential", "appid", "wxappid0001", "secret", "mp-app-secret-5678"),
                tokens.get(0).query());
        List<PlatformStub.Request> send = stub.requests("/cgi-bin/message/custom/send");
        assertEquals(1, send.size());
        assertEquals(Map.of("access_token", "MPTOKEN"), send.get(0).query());
        assertJson("""
                {"touser":"oOPENID123","msgtype":"text","text":{"content":"您反映的问题已受理，编号 2024-0003"}}""", send.get(0).body());
        admin().get("/api/outbox/" + id).then().body("status", equalTo("sent"));
    }

    @Test
    void shouldSignBridgeMessagesLikeInboundCalls() throws Exception {
        String channel = Channels.bridge(stub.baseUrl() + "/bridge/send");
        long id = enqueue(
                channel,
                Target.chat("room-42@chatroom"),
                Content.text("周六上午街舞公益课堂，欢迎报名").mentioning("wxid_a"));
        long direct = enqueue(channel, Target.user("wxid_b"), Content.text("报名成功"));
        dispatcher.drain();

        List<PlatformStub.Request> sent = stub.requests("/bridge/send");
        assertEquals(2, sent.size());
        PlatformStub.Request room = sent.stream()
                .filter(r -> r.body().contains("chatId"))
                .findFirst()
                .orElseThrow();
        assertJson("""
                {"id":"%d.0","chatId":"room-42@chatroom","text":"周六上午街舞公益课堂，欢迎报名","mentions":["wxid_a"]}""".formatted(id), room.body());
        String ts = room.headers().get("x-tongxin-timestamp");
        long skew = Math.abs(Long.parseLong(ts) - clock.instant().getEpochSecond());
        assertTrue(skew < 60, "timestamp is the current time");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Channels.BRIDGE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256="
                + HexFormat.of().formatHex(mac.doFinal((ts + "." + room.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, room.headers().get("x-tongxin-signature"));
        PlatformStub.Request user = sent.stream()
                .filter(r -> r.body().contains("userId"))
                .findFirst()
                .orElseThrow();
        assertJson("""
                {"id":"%d.0","userId":"wxid_b","text":"报名成功","mentions":[]}""".formatted(direct), user.body());
        admin().get("/api/outbox/" + id).then().body("status", equalTo("sent"));
        admin().get("/api/outbox/" + direct).then().body("status", equalTo("sent"));
    }

    @Test
    void shouldReplyThroughTheResponseUrlWhileValidAndElseThroughTheGroupRobot() throws Exception {
        String channel = Channels.wecomBot(stub.baseUrl());
        String fallback = uniq("fallback");
        long fresh = enqueue(
                channel,
                Target.reply(
                        stub.baseUrl() + "/aibot/response?response_code=RC1",
                        clock.instant().plus(Duration.ofMinutes(30)),
                        fallback),
                Content.text("已收到您的反映").mentioning("u1"));
        long expired = enqueue(
                channel,
                Target.reply(
                        stub.baseUrl() + "/aibot/response?response_code=RC2",
                        clock.instant().minusSeconds(1),
                        fallback),
                Content.text("稍后答复"));
        dispatcher.drain();

        List<PlatformStub.Request> replies = stub.requests("/aibot/response");
        assertEquals(1, replies.size());
        assertEquals(Map.of("response_code", "RC1"), replies.get(0).query());
        assertJson("""
                {"msgtype":"markdown","markdown":{"content":"已收到您的反映\\n<@u1>"}}""", replies.get(0).body());
        List<PlatformStub.Request> robot = stub.requests("/cgi-bin/webhook/send");
        assertEquals(1, robot.size());
        assertEquals(fallback, robot.get(0).query().get("key"));
        assertJson("""
                {"msgtype":"text","text":{"content":"稍后答复"}}""", robot.get(0).body());
        admin().get("/api/outbox/" + fresh)
                .then()
                .body("status", equalTo("sent"))
                .body("history[0].sender", equalTo("wecom-reply"));
        admin().get("/api/outbox/" + expired)
                .then()
                .body("status", equalTo("sent"))
                .body("history[0].sender", equalTo("wecom-robot"));
    }

    @Test
    void shouldFallBackToTheRobotWhenTheResponseUrlIsRefused() {
        stub.then("/aibot/response", "{\"errcode\":600039,\"errmsg\":\"response_url used\"}");
        String channel = Channels.wecomBot(stub.baseUrl());
        String fallback = uniq("fallback");
        long id = enqueue(
                channel,
                Target.reply(
                        stub.baseUrl() + "/aibot/response?response_code=RC3",
                        clock.instant().plus(Duration.ofMinutes(30)),
                        fallback),
                Content.text("答复"));
        dispatcher.drain();
        assertEquals(1, stub.requests("/aibot/response").size());
        assertEquals(1, stub.requests("/cgi-bin/webhook/send").size());
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("sent"))
                .body("failures", equalTo(0))
                .body("history.size()", equalTo(2))
                .body("history[1].sender", equalTo("wecom-robot"));
    }

    @Test
    void shouldPrintDryRunChannelsWithTheLogSenderAndRecordThemSent() {
        String channel = Channels.dryRunBridge(stub.baseUrl() + "/bridge/send");
        long id = enqueue(channel, Target.chat("room-1"), Content.text("演示消息\n第二行"));
        dispatcher.drain();
        assertEquals(0, stub.requests().size(), "nothing reaches the platform");
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("sent"))
                .body("history[0].sender", equalTo("log"))
                .body("platformResponse", equalTo("logged (dry run)"));
    }
}
