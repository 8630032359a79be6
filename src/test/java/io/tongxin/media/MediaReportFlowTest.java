package io.tongxin.media;

import static io.tongxin.support.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.BotChat;
import io.tongxin.support.Webhooks;
import java.time.Duration;
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
 * A resident who sends only a photo, or speaks instead of typing, can report: in a direct chat a
 * photo alone starts the guided report flow (it asks what the photo shows, and the photo is attached
 * to the concern filed), a voice message with the platform's speech recognition is read as its text
 * (classified, then confirmed with the resident), and in a group a photo without an @-mention is
 * chatter.
 */
@QuarkusTest
class MediaReportFlowTest {

    static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");

    final MediaStub stub = new MediaStub();

    @jakarta.inject.Inject
    io.tongxin.opinion.Fixture fixture;

    @AfterEach
    void close() {
        stub.close();
    }

    private static String photo(String chatId, String sender, boolean mention) {
        String chat = chatId == null ? "null" : "{\"id\":\"" + chatId + "\",\"name\":\"居民群\"}";
        return "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":" + chat + ",\"sender\":{\"id\":\"" + sender
                + "\",\"name\":\"王阿姨\"},\"text\":\"\",\"mentions\":" + (mention ? "[\"wxid_bot\"]" : "[]")
                + ",\"mentionsBot\":" + mention + ",\"timestamp\":" + Webhooks.now()
                + ",\"attachments\":[{\"kind\":\"image\",\"mime\":\"image/png\",\"name\":\"lamp.png\",\"base64\":\""
                + Base64.getEncoder().encodeToString(Samples.png()) + "\"}]}";
    }

    @Test
    void shouldStartTheGuidedReportWithAPhotoAloneAndAttachIt() {
        BotChat chat = BotChat.bridge("intake-mf", null);
        String who = Api.uniq("wxid");
        String asked = Webhooks.postBridge(chat.channel, photo(null, who, false))
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
        assertTrue(asked != null && asked.startsWith("请描述您要反映的问题"), "the photo starts the flow: " + asked);

        String next = chat.direct(who, "小区南门这盏路灯坏了一个多星期了，晚上很黑，老人出门不方便");
        for (int turn = 0; turn < 4 && !NUMBER.matcher(next).find(); turn++) {
            next = chat.direct(who, next.contains("跳过") ? "跳过" : "1");
        }
        Matcher m = NUMBER.matcher(next);
        assertTrue(m.find(), "filed: " + next);
        String number = m.group();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> admin().get("/api/opinions/" + number + "/attachments")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Object>>path("items")
                                .size()
                        == 1);
        assertEquals(
                "image/png",
                admin().get("/api/opinions/" + number + "/attachments")
                        .then()
                        .extract()
                        .path("items[0].mime"));
    }

    @Test
    void shouldLeaveAGroupPhotoWithoutMentionAlone() {
        BotChat chat = BotChat.bridge("intake-mf", null);
        String who = Api.uniq("wxid");
        Webhooks.postBridge(chat.channel, photo("R:mf-" + UUID.randomUUID(), who, false))
                .then()
                .statusCode(200)
                .body("reply", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldReadAVoiceMessageByItsRecognitionAndConfirmItWithTheResident() {
        String key = Api.uniq("intake-mp");
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
        stub.always("/cgi-bin/media/get", MediaStub.bytes("audio/amr", Samples.amr()));

        // "楼道里的垃圾没人清理", spoken: read as text, so the report flow goes on from its description
        Webhooks.postMpSafe(key, Webhooks.payload("wechat-mp/voice.xml")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Map<String, Object>> rows = Webhooks.inbox(key);
            return rows.size() == 1 && "processed".equals(rows.get(0).get("status"));
        });
        Map<String, Object> row = Webhooks.inbox(key).get(0);
        String reply = (String) row.get("reply");
        assertTrue(reply != null && !reply.startsWith("请描述您要反映的问题"), "the recognition is the description: " + reply);
        assertTrue(
                reply.contains("楼道里的垃圾没人清理") || reply.contains("社区") || reply.contains("回复 1"),
                "it goes on to the community, the confirmation or the consent, never files unasked: " + reply);
        assertNull(NUMBER.matcher(reply).find() ? reply : null, "not filed before the resident confirms");
    }

    @Test
    void shouldTellTheMemberHowManyPhotosCameWithTheConcern() {
        io.tongxin.opinion.Fixture.World w = fixture.world();
        String member = Api.uniq("mem");
        BotChat chat = BotChat.bridge("intake-mf", null);
        String memberUser = "wxid_" + member;
        admin().body(Map.of(
                        "code",
                        member,
                        "name",
                        "王建国",
                        "level",
                        "county",
                        "sectorCode",
                        w.sector,
                        "workstationCode",
                        w.workstation,
                        "communityCodes",
                        List.of(w.community),
                        "identities",
                        List.of(Map.of("channelKey", chat.channel, "userId", memberUser))))
                .post("/api/members")
                .then()
                .statusCode(201);
        String room = "R:mf-" + UUID.randomUUID();
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
        String who = Api.uniq("wxid");
        Webhooks.postBridge(chat.channel, photo(room, who, false)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Samples.items(chat.channel).size() == 1);

        String reply = chat.group(room, who, "这里的路灯坏了，晚上一片漆黑", true);
        Matcher m = NUMBER.matcher(reply);
        assertTrue(m.find(), reply);
        List<Map<String, Object>> notices = admin().queryParam("origin", "opinion:" + m.group())
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertTrue(
                notices.stream().anyMatch(n -> String.valueOf(n.get("text")).contains("附件：照片 1 张")),
                "the member's assignment notice counts the photo: " + notices);
        String list = chat.direct(memberUser, "我的任务");
        assertTrue(list != null && list.contains(m.group() + "【待确认】") && list.contains("〔附件 1〕"), "我的任务: " + list);
    }
}
