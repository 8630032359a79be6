package io.tongxin.media;

import static io.tongxin.support.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.opinion.Fixture;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A photo, voice message or location attaches to its sender's report in the same chat within ten
 * minutes, before or after it; unattached ones are purged; what is not an image or is too large is
 * refused, the message still processed; a failed download is retried without losing the message; the
 * attachments are shown to organizers and the assigned member only. Reports are filed by the intake
 * (channels {@code intake-*} in the test profile) from signed bridge messages.
 */
@QuarkusTest
class MediaAttachingTest {

    static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");
    static final String CHAT = "R:media-group-01";

    final MediaStub stub = new MediaStub();

    @Inject
    MutableClock clock;

    @Inject
    MediaRetention retention;

    @Inject
    Fixture fixture;

    @AfterEach
    void close() {
        stub.close();
    }

    private static String intakeChannel() {
        String key = Api.uniq("intake");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "社区群桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    private static String photo(String chatId, String sender, String url) {
        String chat = chatId == null ? "null" : "{\"id\":\"" + chatId + "\",\"name\":\"居民群\"}";
        return "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":" + chat + ",\"sender\":{\"id\":\"" + sender
                + "\",\"name\":\"王阿姨\"},\"text\":\"\",\"mentions\":[],\"mentionsBot\":false,\"timestamp\":"
                + Webhooks.now()
                + ",\"attachments\":[{\"kind\":\"image\",\"mime\":\"image/jpeg\",\"name\":\"lamp.jpg\","
                + "\"url\":\"" + url + "\"}]}";
    }

    /** Files a report as the sender; returns its number from the bot's reply. */
    private static String report(String key, String chatId, String sender, String text) {
        String chat = chatId == null ? "null" : "{\"id\":\"" + chatId + "\",\"name\":\"居民群\"}";
        String json = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":" + chat + ",\"sender\":{\"id\":\""
                + sender + "\",\"name\":\"王阿姨\"},\"text\":\"@同心助手 " + text + "\",\"mentions\":[\"wxid_bot\"],"
                + "\"mentionsBot\":true,\"timestamp\":" + Webhooks.now() + "}";
        String reply =
                Webhooks.postBridge(key, json).then().statusCode(200).extract().path("reply");
        assertNotNull(reply, "the intake answers the report");
        Matcher m = NUMBER.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group();
    }

    private static List<Map<String, Object>> attachments(String number) {
        return admin().get("/api/opinions/" + number + "/attachments")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
    }

    private List<MediaItem> awaitItems(String key, int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> Samples.items(key).size() >= n);
        return Samples.items(key);
    }

    @Test
    void shouldAttachAPhotoSentBeforeTheReportToIt() {
        String key = intakeChannel();
        byte[] jpeg = Samples.jpeg();
        stub.always("/lamp.jpg", MediaStub.bytes("image/jpeg", jpeg));
        Webhooks.postBridge(key, photo(CHAT, "wxid_wang", stub.baseUrl() + "/lamp.jpg"))
                .then()
                .statusCode(200)
                .body("reply", nullValue());
        awaitItems(key, 1);
        clock.advance(Duration.ofMinutes(4));

        String number = report(key, CHAT, "wxid_wang", "这里的路灯坏了，晚上一片漆黑");

        List<Map<String, Object>> list = attachments(number);
        assertEquals(1, list.size());
        Map<String, Object> a = list.get(0);
        assertEquals("image", a.get("kind"));
        assertEquals("stored", a.get("status"));
        assertEquals("image/jpeg", a.get("mime"));
        assertEquals(jpeg.length, ((Number) a.get("size")).intValue());
        assertNotNull(a.get("receivedAt"));
        assertTrue(!a.containsKey("senderId") && !a.containsKey("content"), a.toString());
        byte[] served = admin().accept("*/*")
                .get("/api/opinions/" + number + "/attachments/" + a.get("id"))
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Length", String.valueOf(jpeg.length))
                .header("Content-Disposition", "inline")
                .header("X-Content-Type-Options", "nosniff")
                .extract()
                .asByteArray();
        assertArrayEquals(jpeg, served);
    }

    @Test
    void shouldAttachAPhotoSentAfterTheReportToIt() {
        String key = intakeChannel();
        stub.always("/after.jpg", MediaStub.bytes("image/jpeg", Samples.jpeg()));
        String number = report(key, CHAT, "wxid_li", "小区南门积水严重，老人出行不便");
        clock.advance(Duration.ofMinutes(9));
        Webhooks.postBridge(key, photo(CHAT, "wxid_li", stub.baseUrl() + "/after.jpg"))
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> attachments(number).size() == 1);
        assertEquals("image/jpeg", attachments(number).get(0).get("mime"));
    }

    @Test
    void shouldAttachOnlyTheSameSendersMediaInTheSameChatWithinTenMinutes() {
        String key = intakeChannel();
        stub.always("/p.jpg", MediaStub.bytes("image/jpeg", Samples.jpeg()));
        Webhooks.postBridge(key, photo(CHAT, "wxid_zhao", stub.baseUrl() + "/p.jpg"))
                .then()
                .statusCode(200);
        awaitItems(key, 1);
        Webhooks.postBridge(key, photo(CHAT, "wxid_someone_else", stub.baseUrl() + "/p.jpg"))
                .then()
                .statusCode(200);
        Webhooks.postBridge(key, photo("R:another-group", "wxid_zhao", stub.baseUrl() + "/p.jpg"))
                .then()
                .statusCode(200);
        awaitItems(key, 3);
        clock.advance(Duration.ofMinutes(11)); // the first photo is now outside the window

        String late = report(key, CHAT, "wxid_zhao", "垃圾桶满了好几天没人清运");
        assertTrue(attachments(late).isEmpty(), "a photo 11 minutes before is not part of the report");

        clock.advance(Duration.ofMinutes(11));
        Webhooks.postBridge(key, photo(CHAT, "wxid_zhao", stub.baseUrl() + "/p.jpg"))
                .then()
                .statusCode(200);
        awaitItems(key, 4);
        retention.sweep(); // the straggler pass finds no report within the window either
        assertTrue(attachments(late).isEmpty(), "a photo 11 minutes after is not part of the report");
        assertTrue(Samples.items(key).stream().allMatch(i -> i.opinionId == null));
    }

    @Test
    void shouldPurgeUnattachedMediaAfterTheWindowPlusMarginAndKeepAttachedOnes() {
        String key = intakeChannel();
        stub.always("/g.jpg", MediaStub.bytes("image/jpeg", Samples.jpeg()));
        Webhooks.postBridge(key, photo(CHAT, "wxid_group_chatter", stub.baseUrl() + "/g.jpg"))
                .then()
                .statusCode(200);
        Webhooks.postBridge(key, photo(CHAT, "wxid_reporter", stub.baseUrl() + "/g.jpg"))
                .then()
                .statusCode(200);
        awaitItems(key, 2);
        String number = report(key, CHAT, "wxid_reporter", "楼道灯不亮了，请帮忙反映");
        assertEquals(1, attachments(number).size());

        clock.advance(Duration.ofMinutes(59));
        retention.sweep();
        assertEquals(2, Samples.items(key).size(), "kept within the window plus margin (1 h)");
        clock.advance(Duration.ofMinutes(2));
        assertTrue(retention.sweep() >= 1);

        List<MediaItem> left = Samples.items(key);
        assertEquals(1, left.size(), "the group photo never followed by a report is gone");
        assertEquals("wxid_reporter", left.get(0).senderId);
        assertEquals(1, attachments(number).size(), "an attached photo lives as long as its opinion");
    }

    @Test
    void shouldRefuseAFileOverTheSizeCapWhileItStreamsAndStillProcessTheMessage() {
        String key = intakeChannel();
        byte[] big = Arrays.copyOf(Samples.jpeg(), 10 * 1024 * 1024 + 1);
        stub.always("/big-chunked.jpg", new MediaStub.Answer(200, "image/jpeg", big, true));
        stub.always("/big-declared.jpg", MediaStub.bytes("image/jpeg", big));
        Webhooks.postBridge(key, photo(CHAT, "wxid_big", stub.baseUrl() + "/big-chunked.jpg"))
                .then()
                .statusCode(200);
        Webhooks.postBridge(key, photo(CHAT, "wxid_big", stub.baseUrl() + "/big-declared.jpg"))
                .then()
                .statusCode(200);

        List<MediaItem> items = awaitItems(key, 2);
        for (MediaItem i : items) {
            assertEquals("refused", i.status);
            assertTrue(i.refusal.contains("larger than the 10485760-byte limit"), i.refusal);
            assertNull(i.content);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Webhooks.inbox(key).stream().allMatch(m -> "processed".equals(m.get("status"))));
    }

    @Test
    void shouldRefuseANonImageDisguisedAsAJpgAndStillFileTheReport() {
        String key = intakeChannel();
        stub.always("/lamp.jpg", MediaStub.bytes("image/jpeg", Samples.pdf()));
        Webhooks.postBridge(key, photo(CHAT, "wxid_sly", stub.baseUrl() + "/lamp.jpg"))
                .then()
                .statusCode(200);
        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("refused", item.status);
        assertTrue(item.refusal.contains("not an image"), item.refusal);
        assertTrue(item.refusal.contains("255044462d"), "names the bytes it saw (%PDF-): " + item.refusal);
        assertNull(item.mime);

        String number = report(key, CHAT, "wxid_sly", "这里的路灯坏了，晚上一片漆黑");
        List<Map<String, Object>> list = attachments(number);
        assertEquals(1, list.size());
        assertEquals("refused", list.get(0).get("status"));
        assertNull(list.get(0).get("mime"));
        admin().accept("*/*")
                .get("/api/opinions/" + number + "/attachments/" + list.get(0).get("id"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRetryAFailedDownloadFromTheStoredMessageWithoutLosingIt() {
        String key = intakeChannel();
        byte[] jpeg = Samples.jpeg();
        stub.then("/flaky.jpg", new MediaStub.Answer(500, "text/plain", "busy".getBytes(), false))
                .always("/flaky.jpg", MediaStub.bytes("image/jpeg", jpeg));
        Webhooks.postBridge(key, photo(CHAT, "wxid_patient", stub.baseUrl() + "/flaky.jpg"))
                .then()
                .statusCode(200);

        MediaItem item = awaitItems(key, 1).get(0);
        assertEquals("stored", item.status);
        assertArrayEquals(jpeg, item.content);
        assertEquals(2, stub.requests("/flaky.jpg").size());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "processed".equals(Webhooks.inbox(key).get(0).get("status")));
        Map<String, Object> row = Webhooks.inbox(key).get(0);
        assertEquals(2, row.get("attempts"));
        assertTrue(String.valueOf(row.get("lastError")).contains("HTTP 500"), row.toString());
        assertEquals(1, Samples.items(key).size(), "stored once");
    }

    @Test
    void shouldShowAttachmentsToOrganizersAndTheAssignedMemberOnly() {
        Fixture.World w = fixture.world();
        String mine = Api.uniq("m");
        String other = Api.uniq("m");
        fixture.member(w, mine, w.sector, w.workstation, Set.of(w.community), null, null);
        fixture.member(w, other, w.sector, w.workstation, Set.of(w.community), null, null);
        String key = intakeChannel();
        stub.always("/x.jpg", MediaStub.bytes("image/jpeg", Samples.jpeg()));
        String number = report(key, CHAT, "wxid_owner", "路灯坏了好几天了，请委员看看");
        Webhooks.postBridge(key, photo(CHAT, "wxid_owner", stub.baseUrl() + "/x.jpg"))
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> attachments(number).size() == 1);
        Object id = attachments(number).get(0).get("id");
        admin().body(Map.of("memberCode", mine))
                .post("/api/opinions/" + number + "/assign")
                .then()
                .statusCode(200);

        String organizer = Api.mint("organizer", null);
        Api.as(organizer)
                .get("/api/opinions/" + number + "/attachments")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
        String member = Api.mint("member", mine);
        Api.as(member)
                .get("/api/opinions/" + number + "/attachments")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        Api.as(member)
                .accept("*/*")
                .get("/api/opinions/" + number + "/attachments/" + id)
                .then()
                .statusCode(200)
                .contentType("image/jpeg");
        String stranger = Api.mint("member", other);
        Api.as(stranger)
                .get("/api/opinions/" + number + "/attachments")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.as(stranger)
                .accept("*/*")
                .get("/api/opinions/" + number + "/attachments/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.as(member)
                .get("/api/opinions/2099-999999/attachments")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.as(member)
                .accept("*/*")
                .get("/api/opinions/" + number + "/attachments/999999999")
                .then()
                .statusCode(404)
                .body("detail", containsString("attachment"));
        Api.anonymous().get("/api/opinions/" + number + "/attachments").then().statusCode(401);
    }
}
