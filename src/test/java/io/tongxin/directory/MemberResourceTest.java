package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberResourceTest {

    @Inject
    EntityManager em;

    @Test
    void shouldCreateAMemberInTheSpecShape() {
        String channel = Fixtures.channel();
        String sector = Fixtures.sector();
        String ws = Fixtures.workstation();
        String c1 = Fixtures.community(ws);
        String c2 = Fixtures.community(ws);
        String code = uniq("mem");
        Map<String, Object> m = Fixtures.member(code, sector);
        m.put("level", "city");
        m.put("workstationCode", ws);
        m.put("communityCodes", List.of(c2, c1));
        m.put("onLeaveUntil", "2026-08-31");
        m.put("identities", List.of(Map.of("channelKey", channel, "userId", "wxid_yang")));
        admin().body(m)
                .post("/api/members")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/members/" + code))
                .body("code", equalTo(code))
                .body("name", equalTo("杨小龙"))
                .body("level", equalTo("city"))
                .body("sectorCode", equalTo(sector))
                .body("workstationCode", equalTo(ws))
                .body(
                        "communityCodes",
                        equalTo(List.of(c1, c2).stream().sorted().toList()))
                .body("capacity", equalTo(10))
                .body("onLeaveUntil", equalTo("2026-08-31"))
                .body("identities[0].channelKey", equalTo(channel))
                .body("identities[0].userId", equalTo("wxid_yang"));
        admin().get("/api/members/" + code)
                .then()
                .statusCode(200)
                .body("capacity", equalTo(10))
                .body("identities.userId", equalTo(List.of("wxid_yang")));
    }

    @Test
    void shouldFilterMembersBySectorWorkstationCommunityLevelChannelAndText() {
        String channel = Fixtures.channel();
        String sector = Fixtures.sector();
        String ws = Fixtures.workstation();
        String community = Fixtures.community(ws);
        String a = uniq("mem");
        Map<String, Object> ma = Fixtures.member(a, sector);
        ma.put("workstationCode", ws);
        ma.put("communityCodes", List.of(community));
        ma.put("identities", List.of(Map.of("channelKey", channel, "userId", "u-" + a)));
        admin().body(ma).post("/api/members").then().statusCode(201);
        String b = uniq("mem");
        Map<String, Object> mb = Fixtures.member(b, sector);
        mb.put("name", "吕浩渤");
        mb.put("level", "city");
        admin().body(mb).post("/api/members").then().statusCode(201);

        admin().queryParam("sectorCode", sector).get("/api/members").then().body("total", equalTo(2));
        admin().queryParam("workstationCode", ws)
                .get("/api/members")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(a));
        admin().queryParam("communityCode", community)
                .get("/api/members")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(a));
        admin().queryParam("sectorCode", sector)
                .queryParam("level", "city")
                .get("/api/members")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(b));
        admin().queryParam("channelKey", channel)
                .get("/api/members")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(a));
        admin().queryParam("channelKey", channel)
                .queryParam("userId", "u-" + a)
                .get("/api/members")
                .then()
                .body("total", equalTo(1));
        admin().queryParam("sectorCode", sector)
                .queryParam("q", "浩渤")
                .get("/api/members")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(b));
        admin().queryParam("level", "province")
                .get("/api/members")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("level"));
    }

    @Test
    void shouldRejectUnknownReferencesNamingEachField() {
        String code = uniq("mem");
        Map<String, Object> m = Fixtures.member(code, "no-sector");
        m.put("workstationCode", "no-ws");
        m.put("communityCodes", List.of("no-community"));
        m.put("identities", List.of(Map.of("channelKey", "no-channel", "userId", "x")));
        admin().body(m)
                .post("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("sectorCode"))
                .body("violations.field", hasItem("workstationCode"))
                .body("violations.field", hasItem("communityCodes[0]"))
                .body("violations.field", hasItem("identities[0].channelKey"));
        admin().get("/api/members/" + code).then().statusCode(404);
    }

    @Test
    void shouldValidateFieldsWithTheirNames() {
        Map<String, Object> m = Fixtures.member(uniq("mem"), Fixtures.sector());
        m.put("level", "province");
        m.put("capacity", -1);
        m.put("name", "");
        m.put("identities", List.of(Map.of("channelKey", "x")));
        admin().body(m)
                .post("/api/members")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("level"))
                .body("violations.field", hasItem("capacity"))
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("identities[0].userId"));
        Map<String, Object> d = Fixtures.member(uniq("mem"), Fixtures.sector());
        d.put("onLeaveUntil", "next week");
        admin().body(d)
                .post("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("onLeaveUntil"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void shouldKeepAPlatformIdentityToOneMember() {
        String channel = Fixtures.channel();
        String sector = Fixtures.sector();
        Map<String, Object> a = Fixtures.member(uniq("mem"), sector);
        a.put("identities", List.of(Map.of("channelKey", channel, "userId", "shared")));
        admin().body(a).post("/api/members").then().statusCode(201);
        String bCode = uniq("mem");
        Map<String, Object> b = Fixtures.member(bCode, sector);
        b.put("identities", List.of(Map.of("channelKey", channel, "userId", "shared")));
        admin().body(b).post("/api/members").then().statusCode(409).body("detail", containsString("shared"));
        admin().get("/api/members/" + bCode).then().statusCode(404);
        // the channel is referred to by the identity
        admin().delete("/api/channels/" + channel)
                .then()
                .statusCode(409)
                .body("detail", containsString("member identity"));
    }

    @Test
    void shouldReplaceAMemberAndKeepItsVersionWhenNothingChanges() {
        String channel = Fixtures.channel();
        String sector = Fixtures.sector();
        String ws = Fixtures.workstation();
        String community = Fixtures.community(ws);
        String code = uniq("mem");
        Map<String, Object> m = Fixtures.member(code, sector);
        m.put("communityCodes", List.of(community));
        m.put(
                "identities",
                List.of(Map.of("channelKey", channel, "userId", "a"), Map.of("channelKey", channel, "userId", "b")));
        admin().body(m).post("/api/members").then().statusCode(201);
        long version = version(code);
        admin().body(m).put("/api/members/" + code).then().statusCode(200);
        Assertions.assertEquals(version, version(code), "an identical PUT must not write");

        m.put("capacity", 3);
        m.put("communityCodes", List.of());
        m.put(
                "identities",
                List.of(Map.of("channelKey", channel, "userId", "b"), Map.of("channelKey", channel, "userId", "c")));
        admin().body(m)
                .put("/api/members/" + code)
                .then()
                .statusCode(200)
                .body("capacity", equalTo(3))
                .body("communityCodes", equalTo(List.of()))
                .body("identities.userId", equalTo(List.of("b", "c")));
        admin().get("/api/members/" + code)
                .then()
                .body("identities.userId", equalTo(List.of("b", "c")))
                .body("onLeaveUntil", nullValue());
        m.put("code", "other");
        admin().body(m).put("/api/members/" + code).then().statusCode(400).body("violations.field", hasItem("code"));
    }

    @Test
    void shouldRefuseToDeleteAPairedMemberAndDeleteAnUnreferencedOne() {
        String member = Fixtures.member();
        admin().body(Map.of("code", uniq("pair"), "memberCode", member, "household", "困难家庭"))
                .post("/api/pairings")
                .then()
                .statusCode(201);
        admin().delete("/api/members/" + member).then().statusCode(409).body("detail", containsString("pairing"));
        String free = Fixtures.member();
        admin().delete("/api/members/" + free).then().statusCode(204);
        admin().delete("/api/members/" + free).then().statusCode(404);
    }

    @Test
    void shouldLetOrganizersReadButNotWriteMembers() {
        String organizer = Api.mint("organizer", null);
        String member = Fixtures.member();
        Api.as(organizer).get("/api/members/" + member).then().statusCode(200);
        Api.as(organizer).queryParam("q", "杨").get("/api/members").then().statusCode(200);
        Api.as(organizer)
                .body(Fixtures.member(uniq("mem"), Fixtures.sector()))
                .post("/api/members")
                .then()
                .statusCode(403);
        Api.as(organizer).delete("/api/members/" + member).then().statusCode(403);
        Api.anonymous().get("/api/members").then().statusCode(401);
        admin().get("/api/members/" + member).then().statusCode(200);
    }

    @Test
    void shouldMintMemberTokensOnlyForExistingMembers() {
        admin().body(Map.of("role", "member", "memberCode", "no-such-member"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberCode"))
                .body("detail", containsString("no-such-member"));
        String member = Fixtures.member();
        String token = Api.mint("member", member);
        // a member token authenticates but may not read the directory
        Api.as(token).get("/api/members").then().statusCode(403);
    }

    @Transactional
    long version(String code) {
        return em.createQuery("select m.version from Member m where m.code = :c", Long.class)
                .setParameter("c", code)
                .getSingleResult();
    }
}
