package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkstationAndCommunityResourceTest {

    @Test
    void shouldCreateAWorkstationWithAHeadAndFilterByIt() {
        String head = Fixtures.member();
        String code = uniq("ws");
        admin().body(Map.of("code", code, "name", "青白石街道委员工作站", "district", "兰州市城关区", "headMemberCode", head))
                .post("/api/workstations")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/workstations/" + code))
                .body("headMemberCode", equalTo(head))
                .body("district", equalTo("兰州市城关区"));
        admin().queryParam("headMemberCode", head)
                .get("/api/workstations")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(code));
        admin().queryParam("q", "青白石")
                .queryParam("size", 500)
                .get("/api/workstations")
                .then()
                .body("items.code", hasItem(code));
        // a head cannot be deleted while heading a station
        admin().delete("/api/members/" + head).then().statusCode(409).body("detail", containsString("workstation"));
        admin().body(Map.of("code", code, "name", "青白石街道委员工作站"))
                .put("/api/workstations/" + code)
                .then()
                .statusCode(200)
                .body("headMemberCode", nullValue());
        admin().delete("/api/members/" + head).then().statusCode(204);
    }

    @Test
    void shouldRejectAnUnknownHeadNamingTheField() {
        admin().body(Map.of("code", uniq("ws"), "name", "x", "headMemberCode", "no-such-member"))
                .post("/api/workstations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("headMemberCode"))
                .body("detail", containsString("no-such-member"));
        admin().body(Map.of("name", "x"))
                .post("/api/workstations")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("code"));
    }

    @Test
    void shouldCreateACommunityUnderItsWorkstationAndListByWorkstation() {
        String ws = Fixtures.workstation();
        String code = uniq("com");
        Map<String, Object> c = new HashMap<>(Map.of(
                "code", code, "name", "西路社区", "councilName", "西路社区协商议事会", "councilHead", "马小蓉", "workstationCode", ws));
        admin().body(c)
                .post("/api/communities")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/communities/" + code))
                .body("councilName", equalTo("西路社区协商议事会"))
                .body("councilHead", equalTo("马小蓉"))
                .body("workstationCode", equalTo(ws));
        admin().queryParam("workstationCode", ws)
                .get("/api/communities")
                .then()
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(code));
        c.put("councilName", "西路社区议事会");
        admin().body(c).put("/api/communities/" + code).then().statusCode(200).body("councilName", equalTo("西路社区议事会"));
        admin().body(c).post("/api/communities").then().statusCode(409);
        // the workstation has a community: it cannot go
        admin().delete("/api/workstations/" + ws).then().statusCode(409).body("detail", containsString("community"));
        admin().delete("/api/communities/" + code).then().statusCode(204);
        admin().delete("/api/workstations/" + ws).then().statusCode(204);
        admin().get("/api/communities/" + code).then().statusCode(404);
    }

    @Test
    void shouldRejectCommunitiesWithoutAKnownWorkstationOrCouncil() {
        admin().body(Map.of("code", uniq("com"), "name", "x", "councilName", "x", "workstationCode", "nope"))
                .post("/api/communities")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("workstationCode"));
        admin().body(Map.of("code", uniq("com"), "name", "x"))
                .post("/api/communities")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("councilName"))
                .body("violations.field", hasItem("workstationCode"));
    }

    @Test
    void shouldRefuseToDeleteACommunityThatMembersServe() {
        String ws = Fixtures.workstation();
        String community = Fixtures.community(ws);
        String sector = Fixtures.sector();
        String member = uniq("mem");
        var m = Fixtures.member(member, sector);
        m.put("communityCodes", java.util.List.of(community));
        admin().body(m).post("/api/members").then().statusCode(201);
        admin().delete("/api/communities/" + community)
                .then()
                .statusCode(409)
                .body("detail", containsString("member community"));
    }

    @Test
    void shouldLetOrganizersReadOnly() {
        String organizer = Api.mint("organizer", null);
        String ws = Fixtures.workstation();
        Api.as(organizer).get("/api/workstations/" + ws).then().statusCode(200);
        Api.as(organizer).get("/api/communities").then().statusCode(200);
        Api.as(organizer)
                .body(Map.of("code", uniq("ws"), "name", "x"))
                .post("/api/workstations")
                .then()
                .statusCode(403);
        Api.as(organizer).delete("/api/workstations/" + ws).then().statusCode(403);
        Api.as(organizer)
                .body(Map.of("code", uniq("c"), "name", "x", "councilName", "x", "workstationCode", ws))
                .post("/api/communities")
                .then()
                .statusCode(403);
        admin().get("/api/workstations/nope").then().statusCode(404);
        admin().get("/api/communities/nope").then().statusCode(404);
    }
}
