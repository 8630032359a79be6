package io.tongxin.support;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test's own world for chat flows through signed bridge webhooks over real HTTP: a dry-run bridge
 * channel the bot answers on ({@code intake-*}), a community in a workstation, its residents' group
 * and a member serving it, with the member's chat identity.
 */
public final class ChatWorld {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6}");

    public final String channel = Api.uniq("intake");
    public final String sector = Api.uniq("sec");
    public final String workstation = Api.uniq("ws");
    public final String community = Api.uniq("com");
    public final String group = Api.uniq("grp");
    public final String chatId = Api.uniq("R") + "@chatroom";
    public final String member = Api.uniq("m");
    public final String memberUserId = "wxid_" + member;

    private ChatWorld() {}

    public static ChatWorld create() {
        ChatWorld w = new ChatWorld();
        admin().body(Map.of(
                        "key",
                        w.channel,
                        "type",
                        "bridge",
                        "name",
                        "测试桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", w.sector, "name", "界别 " + w.sector))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", w.workstation, "name", "工作站 " + w.workstation))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code", w.community, "name", "静安门社区", "councilName", "协商议事会", "workstationCode", w.workstation))
                .post("/api/communities")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code", w.group,
                        "channelKey", w.channel,
                        "chatId", w.chatId,
                        "name", "居民群",
                        "communityCode", w.community))
                .post("/api/groups")
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
                        List.of(Map.of("channelKey", w.channel, "userId", w.memberUserId))))
                .post("/api/members")
                .then()
                .statusCode(201);
        return w;
    }

    /** Posts a signed message; {@code chatId} null for a direct chat. Returns the webhook's answer. */
    public Response say(String chatId, String senderId, String senderName, String text, boolean mentionsBot) {
        return sayOn(channel, chatId, senderId, senderName, text, mentionsBot);
    }

    /** As {@link #say}, on another bridge channel (signed with the tests' bridge secret). */
    public static Response sayOn(
            String channel, String chatId, String senderId, String senderName, String text, boolean mentionsBot) {
        Map<String, Object> m = new HashMap<>();
        m.put("messageId", UUID.randomUUID().toString());
        m.put("chat", chatId == null ? null : Map.of("id", chatId, "name", "居民群"));
        m.put("sender", Map.of("id", senderId, "name", senderName));
        m.put("text", text);
        m.put("mentions", mentionsBot ? List.of("wxid_tongxin_bot") : List.of());
        m.put("mentionsBot", mentionsBot);
        m.put("timestamp", Long.parseLong(Webhooks.now()));
        try {
            return Webhooks.bridgeRequest(JSON.writeValueAsString(m), Webhooks.now())
                    .post("/webhooks/" + channel);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resident reports a concern in the group (@-mentioning the bot); returns the opinion number. */
    public String report(String senderId, String senderName, String text) {
        return reportOn(channel, chatId, senderId, senderName, text);
    }

    /** As {@link #report}, in another bound group on another bridge channel. */
    public static String reportOn(String channel, String chatId, String senderId, String senderName, String text) {
        String reply = sayOn(channel, chatId, senderId, senderName, "@同心助手\u2005" + text, true)
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
        assertTrue(reply != null, "no reply to the report");
        Matcher m = NUMBER.matcher(reply);
        assertTrue(m.find(), reply);
        return m.group();
    }

    /** The member writes to the bot directly (收到 / 办结 commands); returns the inline reply. */
    public String memberSays(String text) {
        return say(null, memberUserId, "王建国", text, false)
                .then()
                .statusCode(200)
                .extract()
                .path("reply");
    }

    /** The resident with this identity on the world's channel (the bot registers reporters). */
    public Map<String, Object> resident(String userId) {
        List<Map<String, Object>> items = admin().queryParam("channelKey", channel)
                .queryParam("userId", userId)
                .get("/api/residents")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertTrue(items.size() == 1, "residents with " + userId + ": " + items);
        return items.get(0);
    }

    /** Waits until every inbox row of the channel is processed. */
    public void settle() {
        for (int i = 0; i < 200; i++) {
            List<Map<String, Object>> rows = Webhooks.inbox(channel);
            if (rows.stream().allMatch(r -> "processed".equals(r.get("status")))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("inbox not processed: " + Webhooks.inbox(channel));
    }
}
