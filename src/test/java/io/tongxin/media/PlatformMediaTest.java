package io.tongxin.media;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.payload;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Photos, voice messages and locations from each platform, in their recorded official formats: the
 * webhook stores the references, the inbox worker fetches the bytes from a stand-in media endpoint on
 * loopback (the platforms' media API with the shared token, a smart robot's encrypted image URL, a
 * bridge's URL or inline base64) and stores them with their sniffed type.
 */
@QuarkusTest
class PlatformMediaTest {

    static final String ROBOT_IMAGE_HOST = "https://ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com";

    final MediaStub stub = new MediaStub();

    @AfterEach
    void close() {
        stub.close();
    }

    private List<MediaItem> awaitItems(String key, int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> Samples.items(key).size() >= n);
        return Samples.items(key);
    }

    private String mpChannel() {
        String key = Api.uniq("mp");
        Map<String, Object> c = new HashMap<>(Map.of(
                "key",
                key,
                "type",
                "wechat-mp",
                "name",
                "山丹县政协公众号",
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
        return key;
    }

    private String wecomAppChannel() {
        String key = Api.uniq("wecom");
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
        return key;
    }

    @Test
    void shouldFetchAnOfficialAccountImageThroughTheMediaApiWithTheSharedToken() {
        String key = mpChannel();
        byte[] jpeg = Samples.jpeg();
        stub.always("/cgi-bin/media/get", MediaStub.bytes("image/jpeg", jpeg));
        Webhooks.postMpSafe(key, payload("wechat-mp/image.xml")).then().statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("image", item.kind);
        assertEquals("stored", item.status);
        assertEquals("image/jpeg", item.mime);
        assertEquals(jpeg.length, item.sizeBytes);
        assertEquals(Samples.sha256(jpeg), item.sha256);
        assertArrayEquals(jpeg, item.content);
        assertEquals("oia2TjuEGTNoeX76QEjQNrcURxG8", item.senderId);
        assertNull(item.chatId);
        assertNull(item.opinionId);
        var get = stub.requests("/cgi-bin/media/get").get(0);
        assertEquals("MP-TOKEN-1", get.query().get("access_token"));
        assertEquals("media_id_image_1", get.query().get("media_id"));
        assertEquals(1, stub.requests("/cgi-bin/token").size());
    }

    @Test
    void shouldStoreAnOfficialAccountVoiceWithItsRecognitionText() {
        String key = mpChannel();
        stub.always("/cgi-bin/media/get", MediaStub.bytes("audio/amr", Samples.amr()));
        Webhooks.postMpSafe(key, payload("wechat-mp/voice.xml")).then().statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("voice", item.kind);
        assertEquals("stored", item.status);
        assertEquals("audio/amr", item.mime);
        assertEquals("楼道里的垃圾没人清理", item.recognition);
        assertEquals(
                "media_id_voice_1",
                stub.requests("/cgi-bin/media/get").get(0).query().get("media_id"));
    }

    @Test
    void shouldStoreAnOfficialAccountLocationWithoutFetchingAnything() {
        String key = mpChannel();
        Webhooks.postMpSafe(key, payload("wechat-mp/location.xml")).then().statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("location", item.kind);
        assertEquals("stored", item.status);
        assertEquals(38.786, item.latitude);
        assertEquals(101.082, item.longitude);
        assertEquals(15, item.mapScale);
        assertEquals("甘肃省张掖市山丹县清泉镇", item.label);
        assertNull(item.content);
        assertTrue(stub.requests("/cgi-bin/media/get").isEmpty());
    }

    @Test
    void shouldRefreshAnExpiredTokenOnceWhenTheMediaApiRefusesIt() {
        String key = mpChannel();
        stub.then("/cgi-bin/token", MediaStub.json("{\"access_token\":\"MP-TOKEN-OLD\",\"expires_in\":7200}"))
                .then("/cgi-bin/token", MediaStub.json("{\"access_token\":\"MP-TOKEN-NEW\",\"expires_in\":7200}"));
        stub.then("/cgi-bin/media/get", MediaStub.json("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"))
                .always("/cgi-bin/media/get", MediaStub.bytes("image/jpeg", Samples.jpeg()));
        Webhooks.postMpSafe(key, payload("wechat-mp/image.xml")).then().statusCode(200);

        assertEquals("stored", awaitItems(key, 1).get(0).status);
        var gets = stub.requests("/cgi-bin/media/get");
        assertEquals(
                List.of("MP-TOKEN-OLD", "MP-TOKEN-NEW"),
                gets.stream().map(r -> r.query().get("access_token")).toList());
    }

    @Test
    void shouldRefuseAnExpiredMediaIdWithTheReasonAndStillProcessTheMessage() {
        String key = mpChannel();
        stub.always("/cgi-bin/media/get", MediaStub.json("{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}"));
        Webhooks.postMpSafe(key, payload("wechat-mp/image.xml")).then().statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("refused", item.status);
        assertTrue(item.refusal.contains("40007"), item.refusal);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "processed".equals(Webhooks.inbox(key).get(0).get("status")));
    }

    @Test
    void shouldFetchWecomAppImageVoiceAndLocationThroughTheWecomMediaApi() {
        String key = wecomAppChannel();
        byte[] png = Samples.png();
        stub.then("/cgi-bin/media/get", MediaStub.bytes("image/png", png))
                .then("/cgi-bin/media/get", MediaStub.bytes("voice/amr", Samples.amr()));
        var sdk = Webhooks.wecomSdk(Webhooks.CORP_ID);
        Webhooks.postWecomEncrypted(key, sdk.encrypt("0123456789abcdef", payload("wecom-app/image.xml")))
                .then()
                .statusCode(200);
        awaitItems(key, 1);
        Webhooks.postWecomEncrypted(key, sdk.encrypt("0123456789abcdef", payload("wecom-app/voice.xml")))
                .then()
                .statusCode(200);
        awaitItems(key, 2);
        Webhooks.postWecomEncrypted(key, sdk.encrypt("0123456789abcdef", payload("wecom-app/location.xml")))
                .then()
                .statusCode(200);
        List<MediaItem> items = awaitItems(key, 3);

        assertEquals("image/png", items.get(0).mime);
        assertEquals(Samples.sha256(png), items.get(0).sha256);
        assertEquals("ZhangSan", items.get(0).senderId);
        assertEquals("audio/amr", items.get(1).mime);
        assertEquals("location", items.get(2).kind);
        assertEquals(38.786112, items.get(2).latitude);
        assertEquals("山丹县清泉镇南关社区", items.get(2).label);
        var gets = stub.requests("/cgi-bin/media/get");
        assertEquals("APP-TOKEN-1", gets.get(0).query().get("access_token"));
        assertEquals(
                "1ZmdCyvxJkQe5vKVx2mHhK0ZRBA9cPGoO2LvBGEWoBxc",
                gets.get(0).query().get("media_id"));
        assertEquals(
                "3VrIkqf9D7lA1m2X0xkYwIK5zVdb7LmQnsg0kqa0Zxh0",
                gets.get(1).query().get("media_id"));
        assertEquals(1, stub.requests("/cgi-bin/gettoken").size(), "one token for both downloads");
    }

    @Test
    void shouldDecryptASmartRobotImageWithTheChannelsEncodingAesKey() {
        String key = Webhooks.wecomBotChannel();
        byte[] jpeg = Samples.jpeg();
        stub.always(
                "/BHoPdA3/7571665296904772241",
                MediaStub.bytes("application/octet-stream", Samples.robotEncrypted(jpeg, Webhooks.AES_KEY)));
        Webhooks.postWecomBot(key, payload("wecom-bot/single-image.json").replace(ROBOT_IMAGE_HOST, stub.baseUrl()))
                .then()
                .statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("stored", item.status, item.refusal);
        assertEquals("image/jpeg", item.mime);
        assertArrayEquals(jpeg, item.content);
        assertEquals("wangwu", item.senderId);
        assertEquals(
                "q-sign-algorithm=sha1",
                stub.requests("/BHoPdA3/7571665296904772241").get(0).query().get("sign"),
                "the signed URL is fetched as the robot gave it");
    }

    @Test
    void shouldDecryptASmartRobotImageWithTheKeyTheImageCarries() {
        String key = Webhooks.wecomBotChannel();
        String itsOwn = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"; // not the channel's EncodingAESKey
        byte[] jpeg = Samples.jpeg();
        stub.always(
                "/BHoPdA3/7571665296904772241",
                MediaStub.bytes("application/octet-stream", Samples.robotEncrypted(jpeg, itsOwn)));
        String body = payload("wecom-bot/single-image.json")
                .replace(ROBOT_IMAGE_HOST, stub.baseUrl())
                .replace("\"image\":{\"url\":", "\"image\":{\"aeskey\":\"" + itsOwn + "=\",\"url\":");
        Webhooks.postWecomBot(key, body).then().statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("stored", item.status, item.refusal);
        assertArrayEquals(jpeg, item.content);
    }

    @Test
    void shouldTakeTheImageOfASmartRobotsMixedGroupMessageAndItsTranscriptOnlyVoice() {
        String key = Webhooks.wecomBotChannel();
        stub.always(
                "/BHoPdA3/7571665296904772242",
                MediaStub.bytes("application/octet-stream", Samples.robotEncrypted(Samples.png(), Webhooks.AES_KEY)));
        Webhooks.postWecomBot(
                        key, payload("wecom-bot/group-mixed-image.json").replace(ROBOT_IMAGE_HOST, stub.baseUrl()))
                .then()
                .statusCode(200);
        Webhooks.postWecomBot(key, payload("wecom-bot/single-voice.json"))
                .then()
                .statusCode(200);

        List<MediaItem> items = awaitItems(key, 2);
        MediaItem image =
                items.stream().filter(i -> i.kind.equals("image")).findFirst().orElseThrow();
        assertEquals("image/png", image.mime);
        assertEquals("wrkSFfCgAAtMQKg4xqDatM5C9IDHFpTw", image.chatId);
        MediaItem voice =
                items.stream().filter(i -> i.kind.equals("voice")).findFirst().orElseThrow();
        assertEquals("小区南门的路灯坏了好几天了", voice.recognition);
        assertNull(voice.content, "the robot sends the transcript only");
        var inbox = Webhooks.inbox(key);
        assertTrue(inbox.stream().anyMatch(m -> "这里的路灯坏了".equals(m.get("text"))), inbox.toString());
    }

    @Test
    void shouldRefuseARobotFileThatDoesNotDecryptWithTheChannelsKey() {
        String key = Webhooks.wecomBotChannel();
        stub.always("/BHoPdA3/7571665296904772241", MediaStub.bytes("image/jpeg", Samples.jpeg()));
        Webhooks.postWecomBot(key, payload("wecom-bot/single-image.json").replace(ROBOT_IMAGE_HOST, stub.baseUrl()))
                .then()
                .statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("refused", item.status);
        assertTrue(item.refusal.contains("EncodingAESKey"), item.refusal);
    }

    @Test
    void shouldFetchABridgePhotoByUrlAndTakeInlineVoiceAndALocation() {
        String key = Webhooks.bridgeChannel();
        byte[] jpeg = Samples.jpeg();
        stub.always("/files/7a20c1.jpg", MediaStub.bytes("image/jpeg", jpeg));
        String photo = payload("bridge/group-photo.json")
                .replace("https://bridge.example.org", stub.baseUrl())
                .replace("1710000300", Webhooks.now());
        Webhooks.postBridge(key, photo).then().statusCode(200);
        Webhooks.postBridge(key, payload("bridge/direct-voice-base64.json").replace("1710000310", Webhooks.now()))
                .then()
                .statusCode(200);

        List<MediaItem> items = awaitItems(key, 3);
        assertEquals("image/jpeg", items.get(0).mime);
        assertEquals("R:10696051737544800", items.get(0).chatId);
        assertEquals("IMG_20240309_160320.jpg", items.get(0).fileName);
        assertArrayEquals(jpeg, items.get(0).content);
        assertEquals("audio/silk", items.get(1).mime);
        assertEquals("wxid_resident_02", items.get(1).senderId);
        assertNull(items.get(1).chatId);
        assertEquals("location", items.get(2).kind);
        assertEquals(101.082453, items.get(2).longitude);
        Map<String, Object> photoRow = Webhooks.inbox(key).stream()
                .filter(m -> "wechaty-msg-7a20c1".equals(m.get("platformMessageId")))
                .findFirst()
                .orElseThrow();
        assertEquals("image", photoRow.get("kind"));
    }

    @Test
    void shouldRefuseMalformedBridgeAttachmentsWithAClearError() {
        String key = Webhooks.bridgeChannel();
        String base = "{\"messageId\":\"m-att-%s\",\"chat\":null,\"sender\":{\"id\":\"wxid_x\"},\"text\":\"\","
                + "\"timestamp\":" + Webhooks.now() + ",\"attachments\":%s}";
        Map<String, String> bad = Map.of(
                "1", "{\"kind\":\"image\"}",
                "2", "[{\"kind\":\"image\",\"url\":\"https://a.example/x.jpg\",\"base64\":\"AAAA\"}]",
                "3", "[{\"kind\":\"video\",\"url\":\"https://a.example/x.mp4\"}]",
                "4", "[{\"kind\":\"image\",\"url\":\"file:///etc/passwd\"}]",
                "5", "[{\"kind\":\"image\",\"url\":\"https://a.example/x.jpg\",\"size\":12}]",
                "6", "[{\"kind\":\"voice\",\"base64\":\"not base64!\"}]",
                "7", "[{\"kind\":\"location\",\"latitude\":123,\"longitude\":10}]",
                "8",
                        "["
                                + String.join(
                                        ",",
                                        java.util.Collections.nCopies(
                                                10, "{\"kind\":\"image\",\"url\":\"https://a.example/x.jpg\"}"))
                                + "]");
        Map<String, String> expected = Map.of(
                "1", "attachments must be an array",
                "2", "exactly one of url and base64",
                "3", "kind must be image, voice or location",
                "4", "absolute http(s) URL",
                "5", "unknown field 'size'",
                "6", "not valid base64",
                "7", "latitude is out of range",
                "8", "at most 9");
        bad.forEach((id, attachments) -> Webhooks.postBridge(key, String.format(base, id, attachments))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(expected.get(id))));
        assertTrue(Webhooks.inbox(key).isEmpty());
    }
}
