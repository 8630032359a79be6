package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
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
class ResidentAndPairingResourceTest {

    static final String PHONE = "13812341234";
    static final String MASKED = "138****1234";

    @Inject
    EntityManager em;

    @Test
    void shouldNeverAnswerAPhoneInFull() {
        String channel = Fixtures.channel();
        String code = uniq("res");
        Map<String, Object> r = new HashMap<>(Map.of(
                "code",
                code,
                "channelKey",
                channel,
                "userId",
                "wxid_" + code,
                "displayName",
                "王阿姨",
                "phone",
                "138-1234-1234"));
        String created = admin().body(r)
                .post("/api/residents")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/residents/" + code))
                .body("phone", equalTo(MASKED))
                .body("displayName", equalTo("王阿姨"))
                .extract()
                .asString();
        assertFalse(created.contains(PHONE));
        assertEquals(PHONE, storedPhone(code), "stored in full, normalised");
        String read = admin().get("/api/residents/" + code)
                .then()
                .statusCode(200)
                .body("phone", equalTo(MASKED))
                .extract()
                .asString();
        assertFalse(read.contains(PHONE));
        String list = admin().queryParam("channelKey", channel)
                .get("/api/residents")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].phone", equalTo(MASKED))
                .extract()
                .asString();
        assertFalse(list.contains(PHONE));
        admin().queryParam("channelKey", channel)
                .queryParam("userId", "wxid_" + code)
                .get("/api/residents")
                .then()
                .body("total", equalTo(1));
        admin().queryParam("q", "王阿")
                .queryParam("channelKey", channel)
                .get("/api/residents")
                .then()
                .body("total", equalTo(1));

        // the masked value sent back keeps the number; a new number replaces it; null removes it
        r.put("phone", MASKED);
        r.put("displayName", "王阿姨（静安门）");
        String updated = admin().body(r)
                .put("/api/residents/" + code)
                .then()
                .statusCode(200)
                .body("phone", equalTo(MASKED))
                .extract()
                .asString();
        assertFalse(updated.contains(PHONE));
        assertEquals(PHONE, storedPhone(code));
        r.put("phone", "13987655678");
        admin().body(r)
                .put("/api/residents/" + code)
                .then()
                .statusCode(200)
                .body("phone", equalTo("139****5678"))
                .body(not(containsString("13987655678")));
        r.remove("phone");
        admin().body(r).put("/api/residents/" + code).then().statusCode(200).body("$", not(hasKey("phone")));
        assertEquals(null, storedPhone(code));
    }

    @Test
    void shouldGenerateACodeForAResidentWithoutIdentity() {
        String organizer = Api.mint("organizer", null);
        String code = Api.as(organizer)
                .body(Map.of("displayName", "来电居民", "phone", "13700001111"))
                .post("/api/residents")
                .then()
                .statusCode(201)
                .body("code", startsWith("r-"))
                .body("phone", equalTo("137****1111"))
                .body("$", not(hasKey("channelKey")))
                .extract()
                .path("code");
        Api.as(organizer).get("/api/residents/" + code).then().statusCode(200);
    }

    @Test
    void shouldValidateResidentsWithFieldNames() {
        admin().body(Map.of("code", uniq("res"), "userId", "u1"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("channelKey"));
        admin().body(Map.of("code", uniq("res"), "channelKey", Fixtures.channel()))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("userId"));
        admin().body(Map.of("code", uniq("res"), "channelKey", "no-channel", "userId", "u"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("channelKey"));
        admin().body(Map.of("code", uniq("res"), "phone", "call me"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("phone"))
                .body(not(containsString("call me")));
        admin().body(Map.of("code", "bad code"))
                .post("/api/residents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("code"));
    }

    @Test
    void shouldKeepAPlatformIdentityToOneResidentAndAnswer404() {
        String channel = Fixtures.channel();
        String first = Fixtures.resident(channel, "same-user", null);
        admin().body(Map.of("code", uniq("res"), "channelKey", channel, "userId", "same-user"))
                .post("/api/residents")
                .then()
                .statusCode(409)
                .body("detail", containsString(first));
        admin().body(Map.of("code", first)).post("/api/residents").then().statusCode(409);
        admin().get("/api/residents/nope").then().statusCode(404);
        admin().delete("/api/residents/nope").then().statusCode(404);
    }

    @Test
    void shouldLetOrganizersWriteResidentsAndPairings() {
        String organizer = Api.mint("organizer", null);
        String channel = Fixtures.channel();
        String member = Fixtures.member();
        String resident = uniq("res");
        Api.as(organizer)
                .body(Map.of("code", resident, "channelKey", channel, "userId", "u-" + resident))
                .post("/api/residents")
                .then()
                .statusCode(201);
        String pairing = uniq("pair");
        Api.as(organizer)
                .body(Map.of("code", pairing, "memberCode", member, "residentCode", resident))
                .post("/api/pairings")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/pairings/" + pairing))
                .body("residentCode", equalTo(resident))
                .body("$", not(hasKey("household")));
        Api.as(organizer)
                .body(Map.of("code", pairing, "memberCode", member, "household", "山丹县城南社区卫生服务站"))
                .put("/api/pairings/" + pairing)
                .then()
                .statusCode(200)
                .body("household", equalTo("山丹县城南社区卫生服务站"))
                .body("$", not(hasKey("residentCode")));
        Api.as(organizer).delete("/api/pairings/" + pairing).then().statusCode(204);
        Api.as(organizer).delete("/api/residents/" + resident).then().statusCode(204);
        String memberToken = Api.mint("member", member);
        Api.as(memberToken).get("/api/residents").then().statusCode(403);
        Api.as(memberToken)
                .body(Map.of("code", uniq("p"), "memberCode", member, "household", "x"))
                .post("/api/pairings")
                .then()
                .statusCode(403);
        Api.anonymous().get("/api/pairings").then().statusCode(401);
    }

    @Test
    void shouldPairWithExactlyOneOfResidentOrHousehold() {
        String member = Fixtures.member();
        String resident = Fixtures.resident(Fixtures.channel(), "u", null);
        admin().body(Map.of("code", uniq("pair"), "memberCode", member))
                .post("/api/pairings")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("residentCode"));
        admin().body(Map.of("code", uniq("pair"), "memberCode", member, "residentCode", resident, "household", "x"))
                .post("/api/pairings")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("household"));
        admin().body(Map.of("code", uniq("pair"), "memberCode", "no-member", "residentCode", "no-resident"))
                .post("/api/pairings")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberCode"))
                .body("violations.field", hasItem("residentCode"));
        admin().body(Map.of("code", uniq("pair")))
                .post("/api/pairings")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberCode"));
    }

    @Test
    void shouldPairAResidentWithOneMemberAndProtectPairedResidents() {
        String member = Fixtures.member();
        String resident = Fixtures.resident(Fixtures.channel(), "u", PHONE);
        String pairing = uniq("pair");
        admin().body(Map.of("code", pairing, "memberCode", member, "residentCode", resident))
                .post("/api/pairings")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", uniq("pair"), "memberCode", Fixtures.member(), "residentCode", resident))
                .post("/api/pairings")
                .then()
                .statusCode(409)
                .body("detail", containsString(pairing));
        admin().body(Map.of("code", pairing, "memberCode", member, "residentCode", resident))
                .post("/api/pairings")
                .then()
                .statusCode(409);
        admin().delete("/api/residents/" + resident).then().statusCode(409).body("detail", containsString("pairing"));
        admin().queryParam("memberCode", member)
                .get("/api/pairings")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(pairing));
        admin().queryParam("residentCode", resident).get("/api/pairings").then().body("total", equalTo(1));
        admin().get("/api/pairings/" + pairing).then().statusCode(200).body("memberCode", equalTo(member));
        admin().get("/api/pairings/nope").then().statusCode(404);
        String household = uniq("pair");
        admin().body(Map.of("code", household, "memberCode", member, "household", "位奇镇 困难家庭 " + household))
                .post("/api/pairings")
                .then()
                .statusCode(201);
        admin().queryParam("q", household).get("/api/pairings").then().body("total", equalTo(1));
    }

    @Transactional
    String storedPhone(String code) {
        return em.createQuery("select r.phone from Resident r where r.code = :c", String.class)
                .setParameter("c", code)
                .getSingleResult();
    }
}
