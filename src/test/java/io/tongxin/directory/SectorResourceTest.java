package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.anonymous;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SectorResourceTest {

    @Test
    void shouldCreateReadListReplaceAndDeleteASector() {
        String code = uniq("sec");
        admin().body(Map.of("code", code, "name", " 医药卫生界 ", "description", "卫生系统委员"))
                .post("/api/sectors")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/sectors/" + code))
                .body("code", equalTo(code))
                .body("name", equalTo("医药卫生界"));
        admin().get("/api/sectors/" + code).then().statusCode(200).body("description", equalTo("卫生系统委员"));
        admin().queryParam("q", code)
                .get("/api/sectors")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].code", equalTo(code));
        admin().body(Map.of("code", code, "name", "医药卫生界别"))
                .put("/api/sectors/" + code)
                .then()
                .statusCode(200)
                .body("name", equalTo("医药卫生界别"));
        admin().get("/api/sectors/" + code)
                .then()
                .body("name", equalTo("医药卫生界别"))
                .body("description", equalTo(null));
        admin().delete("/api/sectors/" + code).then().statusCode(204);
        admin().get("/api/sectors/" + code).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldPageTheList() {
        String tag = uniq("page");
        for (int i = 0; i < 3; i++) {
            admin().body(Map.of("code", tag + "-" + i, "name", "界别" + i))
                    .post("/api/sectors")
                    .then()
                    .statusCode(201);
        }
        admin().queryParam("q", tag)
                .queryParam("size", 2)
                .get("/api/sectors")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items", hasSize(2))
                .body("items[0].code", equalTo(tag + "-0"));
        admin().queryParam("q", tag)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/sectors")
                .then()
                .body("items", hasSize(1))
                .body("items[0].code", equalTo(tag + "-2"));
        admin().queryParam("size", 0)
                .get("/api/sectors")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("size"));
    }

    @Test
    void shouldTreatLikeWildcardsInTheSearchLiterally() {
        String code = uniq("sec");
        admin().body(Map.of("code", code, "name", "100%界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().queryParam("q", "100%").get("/api/sectors").then().body("items.code", hasItem(code));
        admin().queryParam("q", "%")
                .queryParam("size", 500)
                .get("/api/sectors")
                .then()
                .body("items.code", hasItem(code))
                .body("items.name", not(hasItem("农业界")));
    }

    @Test
    void shouldRejectInvalidSectorsWithFieldNames() {
        admin().body(Map.of("code", "bad code!", "name", ""))
                .post("/api/sectors")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("code"))
                .body("violations.field", hasItem("name"));
        String code = uniq("sec");
        admin().body(Map.of("code", code, "name", "农业界"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", "other", "name", "农业界"))
                .put("/api/sectors/" + code)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("code"));
    }

    @Test
    void shouldAnswer409OnDuplicateAnd404OnUnknown() {
        String code = uniq("sec");
        admin().body(Map.of("code", code, "name", "农业界"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        admin().body(Map.of("code", code, "name", "农业界"))
                .post("/api/sectors")
                .then()
                .statusCode(409)
                .body("detail", containsString(code));
        admin().body(Map.of("code", "nope-sector", "name", "x"))
                .put("/api/sectors/nope-sector")
                .then()
                .statusCode(404);
        admin().delete("/api/sectors/nope-sector").then().statusCode(404);
    }

    @Test
    void shouldRefuseToDeleteASectorThatMembersBelongTo() {
        String sector = Fixtures.sector();
        String member = Fixtures.member(sector);
        admin().delete("/api/sectors/" + sector)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("member"));
        admin().get("/api/sectors/" + sector).then().statusCode(200);
        admin().delete("/api/members/" + member).then().statusCode(204);
        admin().delete("/api/sectors/" + sector).then().statusCode(204);
    }

    @Test
    void shouldLetOrganizersReadButOnlyAdminsWrite() {
        anonymous().get("/api/sectors").then().statusCode(401);
        String organizer = Api.mint("organizer", null);
        String code = uniq("sec");
        Api.as(organizer).get("/api/sectors").then().statusCode(200);
        Api.as(organizer)
                .body(Map.of("code", code, "name", "x"))
                .post("/api/sectors")
                .then()
                .statusCode(403);
        admin().get("/api/sectors/" + code).then().statusCode(404);
        String sector = Fixtures.sector();
        Api.as(organizer).get("/api/sectors/" + sector).then().statusCode(200);
        Api.as(organizer)
                .body(Map.of("code", sector, "name", "x"))
                .put("/api/sectors/" + sector)
                .then()
                .statusCode(403);
        Api.as(organizer).delete("/api/sectors/" + sector).then().statusCode(403);
        String member = Api.mint("member", Fixtures.member(sector));
        Api.as(member).get("/api/sectors").then().statusCode(403);
    }
}
