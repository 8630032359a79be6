package io.tongxin.security;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    @Test
    void shouldMintAnOrganizerTokenShownOnceAndStoredHashed() {
        var minted = admin().body(Map.of("role", "organizer", "label", "市政协办公室"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .body("role", equalTo("organizer"))
                .body("token", notNullValue())
                .extract();
        String token = minted.path("token");
        int id = minted.path("id");
        assertTrue(token.startsWith("tx_"));
        String list = admin().queryParam("size", 500)
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .extract()
                .asString();
        assertEquals(-1, list.indexOf(token), "the token must not be listed");
        assertEquals(64, storedHash(id).length());
        assertTrue(!storedHash(id).contains(token));
        Api.as(token).get("/api/channels").then().statusCode(200);
        // revoked tokens stop working
        admin().delete("/api/tokens/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        Api.as(token).get("/api/channels").then().statusCode(401);
    }

    @Test
    void shouldRefuseMissingOrWrongTokens() {
        anonymous()
                .get("/api/tokens")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("bearer token"));
        Api.as("tx_not-a-real-token").get("/api/tokens").then().statusCode(401);
        anonymous()
                .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .get("/api/tokens")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldLetOnlyAdminsMintTokens() {
        String organizer = Api.mint("organizer", null);
        Api.as(organizer)
                .body(Map.of("role", "admin"))
                .post("/api/tokens")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldValidateMintRequests() {
        admin().body(Map.of("role", "member"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberCode"));
        admin().body(Map.of("role", "organizer", "memberCode", "m1"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("memberCode"));
        admin().body(Map.of())
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("role"))
                .body("detail", not(containsString("Exception")));
        admin().body(Map.of("role", "root")).post("/api/tokens").then().statusCode(400);
        admin().delete("/api/tokens/999999999").then().statusCode(404);
    }

    @Transactional
    String storedHash(long id) {
        return ApiToken.<ApiToken>findById(id).tokenHash;
    }
}
