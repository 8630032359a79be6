package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupResourceTest {

    static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    static final String URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + KEY;
    static final String MASKED = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****";

    @Inject
    EntityManager em;

    static Map<String, Object> group(String code, String channel, String chatId) {
        Map<String, Object> g = new HashMap<>();
        g.put("code", code);
        g.put("channelKey", channel);
        g.put("chatId", chatId);
        g.put("name", "静安门社区居民群");
        return g;
    }

    @Test
    void shouldCreateAGroupAndNeverShowTheRobotKey() {
        String channel = Fixtures.channel();
        String community = Fixtures.community(Fixtures.workstation());
        String code = uniq("grp");
        Map<String, Object> g = group(code, channel, "chat-" + code);
        g.put("communityCode", community);
        g.put("robotWebhookUrl", URL);
        String created = admin().body(g)
                .post("/api/groups")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/groups/" + code))
                .body("communityCode", equalTo(community))
                .body("robotWebhookUrl", equalTo(MASKED))
                .body("$", not(hasKey("sectorCode")))
                .body("$", not(hasKey("workstationCode")))
                .extract()
                .asString();
        assertFalse(created.contains(KEY));
        String read = admin().get("/api/groups/" + code)
                .then()
                .statusCode(200)
                .body("chatId", equalTo("chat-" + code))
                .body("robotWebhookUrl", equalTo(MASKED))
                .extract()
                .asString();
        assertFalse(read.contains(KEY));
        String list = admin().queryParam("communityCode", community)
                .get("/api/groups")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .extract()
                .asString();
        assertFalse(list.contains(KEY));
        assertEquals(URL, storedUrl(code), "the clear URL is stored for the sender");

        // sending the masked value back keeps the stored URL; a new name is applied
        g.put("robotWebhookUrl", MASKED);
        g.put("name", "静安门社区居民二群");
        String updated = admin().body(g)
                .put("/api/groups/" + code)
                .then()
                .statusCode(200)
                .body("name", equalTo("静安门社区居民二群"))
                .body("robotWebhookUrl", equalTo(MASKED))
                .extract()
                .asString();
        assertFalse(updated.contains(KEY));
        assertEquals(URL, storedUrl(code));
        g.remove("robotWebhookUrl");
        admin().body(g).put("/api/groups/" + code).then().statusCode(200).body("$", not(hasKey("robotWebhookUrl")));
        assertEquals(null, storedUrl(code));
    }

    @Test
    void shouldBindAGroupToExactlyOneOfCommunityWorkstationOrSector() {
        String channel = Fixtures.channel();
        String sector = Fixtures.sector();
        String ws = Fixtures.workstation();
        Map<String, Object> none = group(uniq("grp"), channel, uniq("chat"));
        admin().body(none)
                .post("/api/groups")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("communityCode"));
        Map<String, Object> two = group(uniq("grp"), channel, uniq("chat"));
        two.put("sectorCode", sector);
        two.put("workstationCode", ws);
        admin().body(two)
                .post("/api/groups")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sectorCode"))
                .body("violations.field", hasItem("workstationCode"));
        String code = uniq("grp");
        Map<String, Object> bySector = group(code, channel, uniq("chat"));
        bySector.put("sectorCode", sector);
        admin().body(bySector).post("/api/groups").then().statusCode(201).body("sectorCode", equalTo(sector));
        admin().queryParam("sectorCode", sector).get("/api/groups").then().body("items.code", hasItem(code));
        admin().queryParam("channelKey", channel).get("/api/groups").then().body("total", equalTo(1));
        // the sector has a group: it cannot be deleted
        admin().delete("/api/sectors/" + sector).then().statusCode(409).body("detail", containsString("chat group"));
    }

    @Test
    void shouldRejectUnknownReferencesAndBadUrlsWithFieldNames() {
        Map<String, Object> g = group(uniq("grp"), "no-channel", "x");
        g.put("communityCode", "no-community");
        g.put("robotWebhookUrl", "ftp://example.com/?key=abc");
        admin().body(g)
                .post("/api/groups")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("channelKey"))
                .body("violations.field", hasItem("communityCode"))
                .body("violations.field", hasItem("robotWebhookUrl"))
                .body("detail", not(containsString("abc")));
        admin().body(Map.of("code", uniq("grp")))
                .post("/api/groups")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("chatId"))
                .body("violations.field", hasItem("name"));
        // a robot URL without its key could never be sent to
        Map<String, Object> keyless = group(uniq("grp"), Fixtures.channel(), uniq("chat"));
        keyless.put("robotWebhookUrl", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send");
        admin().body(keyless)
                .post("/api/groups")
                .then()
                .statusCode(400)
                .body("violations.find { it.field == 'robotWebhookUrl' }.message", containsString("key"));
    }

    @Test
    void shouldAllowOneGroupPerChatOnAChannel() {
        String channel = Fixtures.channel();
        String ws = Fixtures.workstation();
        String chat = uniq("chat");
        Map<String, Object> a = group(uniq("grp"), channel, chat);
        a.put("workstationCode", ws);
        admin().body(a).post("/api/groups").then().statusCode(201);
        admin().body(a).post("/api/groups").then().statusCode(409);
        Map<String, Object> b = group(uniq("grp"), channel, chat);
        b.put("workstationCode", ws);
        admin().body(b).post("/api/groups").then().statusCode(409).body("detail", containsString(chat));
        admin().queryParam("channelKey", channel)
                .queryParam("chatId", chat)
                .get("/api/groups")
                .then()
                .body("total", equalTo(1));
        admin().delete("/api/groups/" + a.get("code")).then().statusCode(204);
        admin().get("/api/groups/" + a.get("code")).then().statusCode(404);
    }

    @Test
    void shouldLetOrganizersReadButNotWriteGroups() {
        String organizer = Api.mint("organizer", null);
        Api.as(organizer).get("/api/groups").then().statusCode(200);
        Map<String, Object> g = group(uniq("grp"), Fixtures.channel(), "c");
        g.put("sectorCode", Fixtures.sector());
        Api.as(organizer).body(g).post("/api/groups").then().statusCode(403);
        Api.anonymous().get("/api/groups").then().statusCode(401);
    }

    @Transactional
    String storedUrl(String code) {
        return em.createQuery("select g.robotWebhookUrl from ChatGroup g where g.code = :c", String.class)
                .setParameter("c", code)
                .getSingleResult();
    }
}
