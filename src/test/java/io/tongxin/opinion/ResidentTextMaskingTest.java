package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Residents write phone numbers into their concerns. Every API view of resident-written text shows
 * them masked, as the chat notices do: the opinion (title, text, sources, history, resolution) for a
 * member and an organizer, the inbox message (text, reply, raw) and the outbox message.
 */
@QuarkusTest
class ResidentTextMaskingTest {

    private static final List<String> CLEAR = List.of("13912345678", "139 1234 5678", "8613812345678", "0931-8765432");

    @Test
    void shouldMaskPhoneNumbersInEveryApiViewOfResidentText() throws Exception {
        String channel = Api.uniq("intake-mask");
        String ws = Api.uniq("ws");
        String community = Api.uniq("com");
        String chatId = Api.uniq("R") + "@chatroom";
        String member = Api.uniq("m");
        admin().body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", ws, "name", "工作站"))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", community, "name", "社区", "councilName", "议事会", "workstationCode", ws))
                .post("/api/communities")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code",
                        Api.uniq("g"),
                        "channelKey",
                        channel,
                        "chatId",
                        chatId,
                        "name",
                        "居民群",
                        "communityCode",
                        community))
                .post("/api/groups")
                .then()
                .statusCode(201);
        String sector = Api.uniq("sec");
        admin().body(Map.of("code", sector, "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code",
                        member,
                        "name",
                        "王建国",
                        "level",
                        "county",
                        "sectorCode",
                        sector,
                        "communityCodes",
                        List.of(community)))
                .post("/api/members")
                .then()
                .statusCode(201);

        String text = "@同心助手 小区南门积水严重，请联系我 13912345678 或 139 1234 5678，家里座机 0931-8765432，" + "我儿子 +8613812345678";
        Map<String, Object> m = new HashMap<>();
        m.put("messageId", Api.uniq("msg"));
        m.put("chat", Map.of("id", chatId, "name", "居民群"));
        m.put("sender", Map.of("id", "wxid_" + Api.uniq("r"), "name", "王阿姨"));
        m.put("text", text);
        m.put("mentions", List.of("wxid_bot"));
        m.put("mentionsBot", true);
        m.put("timestamp", Long.parseLong(Webhooks.now()));
        String body = new ObjectMapper().writeValueAsString(m);
        Webhooks.bridgeRequest(body, Webhooks.now())
                .post("/webhooks/" + channel)
                .then()
                .statusCode(200);

        Awaitility.await()
                .until(() -> (int) admin().queryParam("communityCode", community)
                                .get("/api/opinions")
                                .then()
                                .extract()
                                .path("total")
                        == 1);
        String number = admin().queryParam("communityCode", community)
                .get("/api/opinions")
                .then()
                .extract()
                .path("items[0].number");
        String token = Api.mint("member", member);
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "已联系 13912345678 的王阿姨，排水口已疏通"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);

        String asMember = Api.as(token)
                .get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("text", containsString("139****5678"))
                .body("sources[0].text", containsString("138****5678"))
                .extract()
                .asString();
        assertMasked("the opinion, as the member", asMember);
        assertMasked(
                "the opinion, as an organizer",
                Api.as(Api.mint("organizer", null))
                        .get("/api/opinions/" + number)
                        .then()
                        .statusCode(200)
                        .body("resolution", containsString("139****5678"))
                        .extract()
                        .asString());
        assertMasked(
                "the opinion list",
                admin().queryParam("communityCode", community)
                        .get("/api/opinions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        List<Map<String, Object>> rows = Webhooks.inbox(channel);
        Object id = rows.get(0).get("id");
        assertMasked(
                "the inbox list",
                admin().queryParam("channelKey", channel)
                        .get("/api/inbox")
                        .then()
                        .statusCode(200)
                        .body(not(containsString("13912345678")))
                        .extract()
                        .asString());
        assertMasked(
                "the inbox message with its raw payload",
                admin().get("/api/inbox/" + id)
                        .then()
                        .statusCode(200)
                        .body("raw", containsString("139****5678"))
                        .extract()
                        .asString());
        assertMasked(
                "the outbox",
                admin().queryParam("origin", "opinion:" + number)
                        .get("/api/outbox")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
    }

    private static void assertMasked(String where, String json) {
        for (String clear : CLEAR) {
            assertFalse(json.contains(clear), where + " shows " + clear + ": " + json);
        }
        assertTrue(json.contains("****"), where + " shows no masked number at all: " + json);
    }
}
