package io.tongxin.media;

import static io.tongxin.support.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.outbox.Content;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import io.tongxin.outbox.OutboxDispatcher;
import io.tongxin.outbox.Target;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import io.tongxin.support.BotChat;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The member hears of a concern with its first photo: on a WeCom app the notice's text, then the photo
 * uploaded as temporary media and sent as an image message naming the returned media_id; on a bridge
 * the photo rides with the text as an attachment. Against a real stand-in for WeCom and for a bridge on
 * loopback, with the real outbox: an upload that fails is retried like any send and the image is sent
 * once; a photo that is gone leaves the text alone; retention keeps a photo an unsent notice needs.
 */
@QuarkusTest
class NoticePhotoTest {

    static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");

    final MediaStub stub = new MediaStub();

    @Inject
    io.tongxin.opinion.Fixture fixture;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    Outbox outbox;

    @Inject
    MediaRetention retention;

    @Inject
    MutableClock clock;

    @Inject
    ObjectMapper json;

    @AfterEach
    void close() {
        stub.close();
        clock.reset();
    }

    private String wecomAppChannel() {
        String key = Api.uniq("wecom-np");
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
        c.put("apiBaseUrl", stub.baseUrl());
        admin().body(c).post("/api/channels").then().statusCode(201);
        stub.always(
                "/cgi-bin/gettoken",
                MediaStub.json("{\"errcode\":0,\"access_token\":\"APP-TOKEN-1\",\"expires_in\":7200}"));
        stub.always("/cgi-bin/message/send", MediaStub.json("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m1\"}"));
        return key;
    }

    private String bridgeChannel() {
        String key = Api.uniq("bridge-np");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "委员微信桥",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        stub.baseUrl() + "/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        stub.always("/send", MediaStub.json("{\"status\":\"sent\"}"));
        return key;
    }

    private void member(io.tongxin.opinion.Fixture.World w, String code, String name, String channel, String user) {
        admin().body(Map.of(
                        "code",
                        code,
                        "name",
                        name,
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "workstationCode",
                        w.workstation,
                        "communityCodes",
                        List.of(w.community),
                        "identities",
                        List.of(Map.of("channelKey", channel, "userId", user))))
                .post("/api/members")
                .then()
                .statusCode(201);
    }

    /** A bridge group in the world's community, on the bot's (dry-run) test channel. */
    private String room(io.tongxin.opinion.Fixture.World w, BotChat chat) {
        String room = "R:np-" + UUID.randomUUID();
        admin().body(Map.of(
                        "code",
                        Api.uniq("grp"),
                        "channelKey",
                        chat.channel,
                        "chatId",
                        room,
                        "name",
                        "居民群",
                        "communityCode",
                        w.community))
                .post("/api/groups")
                .then()
                .statusCode(201);
        return room;
    }

    private static String photo(String chatId, String sender, byte[] jpeg) {
        return "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":{\"id\":\"" + chatId
                + "\",\"name\":\"居民群\"},\"sender\":{\"id\":\"" + sender
                + "\",\"name\":\"王阿姨\"},\"text\":\"\",\"mentions\":[],\"mentionsBot\":false,\"timestamp\":"
                + Webhooks.now()
                + ",\"attachments\":[{\"kind\":\"image\",\"mime\":\"image/jpeg\",\"name\":\"lamp.jpg\",\"base64\":\""
                + Base64.getEncoder().encodeToString(jpeg) + "\"}]}";
    }

    /** A group photo, then the @-mention report in the same group; answers the opinion number. */
    private String reportWithPhoto(BotChat chat, String room, byte[] jpeg) {
        String who = Api.uniq("wxid");
        int before = Samples.items(chat.channel).size();
        Webhooks.postBridge(chat.channel, photo(room, who, jpeg)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Samples.items(chat.channel).size() == before + 1);
        return filed(chat, chat.group(room, who, "这里的路灯坏了，晚上一片漆黑", true));
    }

    /**
     * The number the bot answered with: inline, or (on a slow machine, past the reply budget) in the
     * reply the outbox took over on the chat's channel.
     */
    private static String filed(BotChat chat, String inline) {
        if (inline != null) {
            Matcher m = NUMBER.matcher(inline);
            assertTrue(m.find(), inline);
            return m.group();
        }
        String[] number = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> texts = admin().queryParam("channelKey", chat.channel)
                    .get("/api/outbox")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.text");
            for (String t : texts) {
                Matcher m = NUMBER.matcher(String.valueOf(t));
                if (m.find()) {
                    number[0] = m.group();
                    return true;
                }
            }
            return false;
        });
        return number[0];
    }

    private long attachmentId(String number) {
        List<Map<String, Object>> items = admin().get("/api/opinions/" + number + "/attachments")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertEquals(1, items.size(), items.toString());
        return ((Number) items.get(0).get("id")).longValue();
    }

    private JsonNode body(MediaStub.Request r) throws Exception {
        return json.readTree(r.body());
    }

    private List<MediaStub.Request> sendsTo(String user) throws Exception {
        List<MediaStub.Request> out = new java.util.ArrayList<>();
        for (MediaStub.Request r : stub.requests("/cgi-bin/message/send")) {
            if (user.equals(body(r).path("touser").asText())) {
                out.add(r);
            }
        }
        return out;
    }

    private static Map<String, Object> outboxRow(String origin, String target) {
        List<Map<String, Object>> rows = admin().queryParam("origin", origin)
                .queryParam("target", target)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    @Test
    void shouldSendTheFirstPhotoAfterTheTextToAMemberOnAWecomAppAndToTheNextAssigneeOnATransfer() throws Exception {
        io.tongxin.opinion.Fixture.World w = fixture.world();
        String wecom = wecomAppChannel();
        String first = Api.uniq("mem");
        String firstUser = "u_" + first;
        member(w, first, "王建国", wecom, firstUser);
        stub.then(
                "/cgi-bin/media/upload",
                MediaStub.json("{\"errcode\":0,\"errmsg\":\"\",\"type\":\"image\",\"media_id\":\"MEDIA-ID-1\","
                        + "\"created_at\":\"1380000000\"}"));
        BotChat chat = BotChat.bridge("intake-np", null);
        byte[] jpeg = Samples.jpeg();
        String number = reportWithPhoto(chat, room(w, chat), jpeg);
        long photo = attachmentId(number);

        dispatcher.drain();

        List<MediaStub.Request> uploads = stub.requests("/cgi-bin/media/upload");
        assertEquals(1, uploads.size());
        MediaStub.Request upload = uploads.get(0);
        assertEquals("POST", upload.method());
        assertEquals(Map.of("access_token", "APP-TOKEN-1", "type", "image"), upload.query());
        assertTrue(upload.contentType().startsWith("multipart/form-data; boundary="), upload.contentType());
        assertArrayEquals(jpeg, upload.file("media"), "the exact JPEG bytes stored from the resident's photo");
        String headers = upload.partHeaders("media");
        assertTrue(
                headers.contains("filename=\"photo-" + photo + ".jpg\"")
                        && headers.contains("Content-Type: image/jpeg"),
                headers);

        List<MediaStub.Request> sends = sendsTo(firstUser);
        assertEquals(2, sends.size(), "the text, then the photo");
        assertEquals("text", body(sends.get(0)).path("msgtype").asText());
        assertTrue(body(sends.get(0)).path("text").path("content").asText().contains(number));
        assertEquals(
                json.readTree("{\"touser\":\"" + firstUser + "\",\"msgtype\":\"image\",\"agentid\":" + Webhooks.AGENT_ID
                        + ",\"image\":{\"media_id\":\"MEDIA-ID-1\"}}"),
                body(sends.get(1)));
        List<MediaStub.Request> all = stub.requests();
        assertTrue(
                all.indexOf(sends.get(0)) < all.indexOf(upload) && all.indexOf(upload) < all.indexOf(sends.get(1)),
                "text, upload, image message: in that order");
        Map<String, Object> row = outboxRow("opinion:" + number, "user:" + firstUser);
        assertEquals("sent", row.get("status"));
        assertEquals(2, row.get("parts"));
        assertEquals(photo, ((Number) row.get("imageMediaId")).longValue());

        // passed on to another member: the new assignee gets the photo too (uploaded again: media ids are the app's,
        // for 3 days)
        String second = Api.uniq("mem");
        String secondUser = "u_" + second;
        member(w, second, "李红", wecom, secondUser);
        stub.then(
                "/cgi-bin/media/upload",
                MediaStub.json("{\"errcode\":0,\"type\":\"image\",\"media_id\":\"MEDIA-ID-2\",\"created_at\":\"1\"}"));
        Api.as(Api.mint("member", first))
                .body(Map.of("memberCode", second, "reason", "属教育界别"))
                .post("/api/opinions/" + number + "/transfer")
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(second));
        dispatcher.drain();
        List<MediaStub.Request> toSecond = sendsTo(secondUser);
        assertEquals(2, toSecond.size());
        assertTrue(body(toSecond.get(0)).path("text").path("content").asText().contains("转交"));
        assertEquals(
                "MEDIA-ID-2",
                body(toSecond.get(1)).path("image").path("media_id").asText());
        assertArrayEquals(jpeg, stub.requests("/cgi-bin/media/upload").get(1).file("media"));
        assertEquals(2, sendsTo(firstUser).size(), "nothing sent twice to the first member");
    }

    @Test
    void shouldRetryAFailedUploadWithBackoffAndSendTheTextAndThePhotoOnceEach() throws Exception {
        String wecom = wecomAppChannel();
        String user = Api.uniq("u");
        long photo = storedPhoto(Samples.jpeg(), Instant.now());
        stub.then("/cgi-bin/media/upload", MediaStub.json("{\"errcode\":-1,\"errmsg\":\"system busy\"}"));
        stub.then(
                "/cgi-bin/media/upload",
                new MediaStub.Answer(
                        503, "text/plain", "busy".getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
        stub.then(
                "/cgi-bin/media/upload",
                MediaStub.json("{\"errcode\":0,\"type\":\"image\",\"media_id\":\"MEDIA-R\",\"created_at\":\"1\"}"));
        long id = outbox.enqueue(OutboundMessage.of(
                        Api.uniq("np"),
                        wecom,
                        Target.user(user),
                        Content.text("请委员跟进：小区路灯不亮").withImage(photo),
                        Origin.of("opinion", "2026-000001")))
                .id();

        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("retrying"))
                .body("partsSent", equalTo(1))
                .body("lastErrorCode", equalTo("-1"));
        clock.advance(Duration.ofMinutes(5));
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("retrying"))
                .body("lastErrorCode", equalTo("http-503"));
        clock.advance(Duration.ofMinutes(10));
        dispatcher.drain();

        admin().get("/api/outbox/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("sent"))
                .body("parts", equalTo(2))
                .body("failures", equalTo(2))
                .body("history.size()", equalTo(4))
                .body("history[3].part", equalTo(2))
                .body("history[3].outcome", equalTo("sent"));
        List<MediaStub.Request> sends = sendsTo(user);
        assertEquals(2, sends.size(), "the text once, the photo once");
        assertEquals("text", body(sends.get(0)).path("msgtype").asText());
        assertEquals(
                "MEDIA-R", body(sends.get(1)).path("image").path("media_id").asText());
        assertEquals(3, stub.requests("/cgi-bin/media/upload").size());
        String detail = admin().get("/api/outbox/" + id).then().extract().path("history[1].detail");
        assertTrue(detail.startsWith("media upload: "), detail);
    }

    @Test
    void shouldSendThePhotoAsABridgeAttachmentWithTheText() throws Exception {
        io.tongxin.opinion.Fixture.World w = fixture.world();
        String bridge = bridgeChannel();
        String code = Api.uniq("mem");
        String user = "wxid_" + code;
        member(w, code, "王建国", bridge, user);
        BotChat chat = BotChat.bridge("intake-np", null);
        byte[] jpeg = Samples.jpeg();
        String number = reportWithPhoto(chat, room(w, chat), jpeg);
        long photo = attachmentId(number);

        dispatcher.drain();

        List<MediaStub.Request> posts = stub.requests("/send").stream()
                .filter(r -> r.text().contains(user))
                .toList();
        assertEquals(1, posts.size(), "one call: the text and its attachment");
        JsonNode call = body(posts.get(0));
        assertEquals(user, call.path("userId").asText());
        assertTrue(call.path("text").asText().contains(number), call.toString());
        JsonNode a = call.path("attachments");
        assertEquals(1, a.size(), call.toString());
        assertEquals("image", a.get(0).path("kind").asText());
        assertEquals("image/jpeg", a.get(0).path("mime").asText());
        assertEquals("lamp.jpg", a.get(0).path("name").asText());
        assertArrayEquals(
                jpeg, Base64.getDecoder().decode(a.get(0).path("base64").asText()));
        assertNotNull(posts.get(0).text());
        Map<String, Object> row = outboxRow("opinion:" + number, "user:" + user);
        assertEquals("sent", row.get("status"));
        assertEquals(1, row.get("parts"));
        assertEquals(photo, ((Number) row.get("imageMediaId")).longValue());
    }

    @Test
    void shouldSendNoImageWithANoticeWhoseConcernHasNoPhoto() throws Exception {
        io.tongxin.opinion.Fixture.World w = fixture.world();
        String wecom = wecomAppChannel();
        String code = Api.uniq("mem");
        String user = "u_" + code;
        member(w, code, "王建国", wecom, user);
        BotChat chat = BotChat.bridge("intake-np", null);
        String number = filed(chat, chat.group(room(w, chat), Api.uniq("wxid"), "这里的路灯坏了，晚上一片漆黑", true));

        dispatcher.drain();

        List<MediaStub.Request> sends = sendsTo(user);
        assertEquals(1, sends.size());
        assertEquals("text", body(sends.get(0)).path("msgtype").asText());
        assertEquals(0, stub.requests("/cgi-bin/media/upload").size());
        Map<String, Object> row = outboxRow("opinion:" + number, "user:" + user);
        assertEquals("sent", row.get("status"));
        assertEquals(1, row.get("parts"));
        assertEquals(null, row.get("imageMediaId"));
    }

    @Test
    void shouldSendTheTextAloneWhenThePhotoIsGoneAndSayWhy() throws Exception {
        String wecom = wecomAppChannel();
        String user = Api.uniq("u");
        long photo = storedPhoto(Samples.jpeg(), Instant.now());
        long id = outbox.enqueue(OutboundMessage.of(
                        Api.uniq("np"),
                        wecom,
                        Target.user(user),
                        Content.text("请委员跟进：小区路灯不亮").withImage(photo),
                        Origin.of("opinion", "2026-000002")))
                .id();
        QuarkusTransaction.requiringNew().run(() -> MediaItem.deleteById(photo));

        dispatcher.drain();

        admin().get("/api/outbox/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("sent"))
                .body("parts", equalTo(2))
                .body("history[1].errorCode", equalTo("photo-gone"))
                .body("history[1].detail", org.hamcrest.Matchers.containsString("no longer stored"));
        assertEquals(1, sendsTo(user).size());
        assertEquals(0, stub.requests("/cgi-bin/media/upload").size());
    }

    @Test
    void shouldKeepAnUnattachedPhotoThatAnUnsentNoticeStillNeeds() throws Exception {
        String wecom = wecomAppChannel();
        long needed = storedPhoto(Samples.jpeg(), Instant.now().minus(Duration.ofHours(3)));
        long alone = storedPhoto(Samples.jpeg(), Instant.now().minus(Duration.ofHours(3)));
        String user = Api.uniq("u");
        outbox.enqueue(OutboundMessage.of(
                Api.uniq("np"),
                wecom,
                Target.user(user),
                Content.text("请委员跟进").withImage(needed),
                Origin.of("opinion", "2026-000003")));

        retention.sweep();
        assertTrue(exists(needed), "an unsent notice still needs it");
        assertFalse(exists(alone), "an old unattached photo nobody needs is purged");

        stub.then(
                "/cgi-bin/media/upload",
                MediaStub.json("{\"errcode\":0,\"type\":\"image\",\"media_id\":\"MEDIA-K\",\"created_at\":\"1\"}"));
        dispatcher.drain();
        assertEquals(2, sendsTo(user).size());
        retention.sweep();
        assertFalse(exists(needed), "once the notice is sent, the unattached photo goes");
    }

    @Test
    void shouldUploadAndSendThePhotoOnAnOfficialAccountAndSendItAsBase64ToAGroupRobot() throws Exception {
        byte[] jpeg = Samples.jpeg();
        long photo = storedPhoto(jpeg, Instant.now());
        String mp = Api.uniq("mp-np");
        Map<String, Object> c = new HashMap<>(Map.of(
                "key",
                mp,
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
        c.put("appSecret", "mp-app-secret-5678");
        c.put("apiBaseUrl", stub.baseUrl());
        admin().body(c).post("/api/channels").then().statusCode(201);
        stub.always("/cgi-bin/token", MediaStub.json("{\"access_token\":\"MP-TOKEN-1\",\"expires_in\":7200}"));
        stub.always("/cgi-bin/message/custom/send", MediaStub.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        // the Official Account's upload answers without an errcode
        stub.then(
                "/cgi-bin/media/upload",
                MediaStub.json("{\"type\":\"image\",\"media_id\":\"MP-MEDIA-1\",\"created_at\":1380000000}"));
        String openId = Api.uniq("oia2T");
        long toFollower = outbox.enqueue(OutboundMessage.of(
                        Api.uniq("np"),
                        mp,
                        Target.user(openId),
                        Content.text("您反映的问题已转交委员").withImage(photo),
                        Origin.of("opinion", "2026-000004")))
                .id();

        String bot = Api.uniq("bot-np");
        admin().body(Map.of(
                        "key",
                        bot,
                        "type",
                        "wecom-bot",
                        "name",
                        "智能机器人",
                        "token",
                        Webhooks.TOKEN,
                        "encodingAesKey",
                        Webhooks.AES_KEY,
                        "apiBaseUrl",
                        stub.baseUrl()))
                .post("/api/channels")
                .then()
                .statusCode(201);
        stub.always("/cgi-bin/webhook/send", MediaStub.json("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        String robotKey = Api.uniq("robotkey");
        long toRobot = outbox.enqueue(OutboundMessage.of(
                        Api.uniq("np"),
                        bot,
                        Target.robot("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + robotKey),
                        Content.text("请委员跟进：小区路灯不亮").withImage(photo),
                        Origin.of("opinion", "2026-000005")))
                .id();

        dispatcher.drain();

        MediaStub.Request upload = stub.requests("/cgi-bin/media/upload").get(0);
        assertEquals(Map.of("access_token", "MP-TOKEN-1", "type", "image"), upload.query());
        assertArrayEquals(jpeg, upload.file("media"));
        List<MediaStub.Request> custom = stub.requests("/cgi-bin/message/custom/send");
        assertEquals(2, custom.size());
        assertEquals("text", body(custom.get(0)).path("msgtype").asText());
        assertEquals(
                json.readTree("{\"touser\":\"" + openId
                        + "\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"MP-MEDIA-1\"}}"),
                body(custom.get(1)));
        admin().get("/api/outbox/" + toFollower)
                .then()
                .body("status", equalTo("sent"))
                .body("parts", equalTo(2));

        List<MediaStub.Request> robot = stub.requests("/cgi-bin/webhook/send").stream()
                .filter(r -> robotKey.equals(r.query().get("key")))
                .toList();
        assertEquals(2, robot.size());
        assertEquals("text", body(robot.get(0)).path("msgtype").asText());
        JsonNode image = body(robot.get(1));
        assertEquals("image", image.path("msgtype").asText());
        assertArrayEquals(
                jpeg,
                Base64.getDecoder().decode(image.path("image").path("base64").asText()));
        assertEquals(
                java.util.HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("MD5").digest(jpeg)),
                image.path("image").path("md5").asText());
        admin().get("/api/outbox/" + toRobot)
                .then()
                .body("status", equalTo("sent"))
                .body("parts", equalTo(2));
    }

    private static boolean exists(long id) {
        return QuarkusTransaction.requiringNew().call(() -> MediaItem.findById(id) != null);
    }

    /** A stored photo that is attached to nothing, as a resident's message leaves it. */
    private static long storedPhoto(byte[] bytes, Instant receivedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            MediaItem m = new MediaItem();
            m.channelKey = "np-photos";
            m.channelType = "bridge";
            m.inboxId = -Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) - 1;
            m.itemIndex = 0;
            m.senderId = "wxid_np";
            m.kind = "image";
            m.status = "stored";
            m.mime = "image/jpeg";
            m.content = bytes;
            m.sizeBytes = bytes.length;
            m.sha256 = Samples.sha256(bytes);
            m.receivedAt = receivedAt;
            m.storedAt = receivedAt;
            m.persist();
            return m.id;
        });
    }
}
