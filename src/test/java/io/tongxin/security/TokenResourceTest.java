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
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    @Inject
    MutableClock clock;

    @Test
    void shouldExpireTokensAfterTheirLifetime() {
        var minted = admin().body(Map.of("role", "organizer", "label", "短期", "expiresIn", "PT1H"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .body("expiresAt", notNullValue())
                .extract();
        String token = minted.path("token");
        Instant expires = Instant.parse(minted.path("expiresAt"));
        Instant now = Instant.now();
        assertTrue(
                expires.isAfter(now.plusSeconds(3500)) && expires.isBefore(now.plusSeconds(3700)), expires.toString());
        Api.as(token).get("/api/channels").then().statusCode(200);
        clock.advance(Duration.ofMinutes(61));
        Api.as(token).get("/api/channels").then().statusCode(401).contentType("application/problem+json");
        admin().get("/api/channels").then().statusCode(200); // the bootstrap admin token does not expire
    }

    @Test
    void shouldGiveMintedTokensTheDefaultLifetimeAndRefuseLongerThanTheMaximum() {
        String expiresAt = admin().body(Map.of("role", "organizer"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("expiresAt");
        long days = Duration.between(Instant.now(), Instant.parse(expiresAt)).toHours();
        assertTrue(days > 89 * 24 && days <= 90 * 24, "default lifetime 90 days, got " + days + " hours");
        admin().body(Map.of("role", "organizer", "expiresIn", "P365D"))
                .post("/api/tokens")
                .then()
                .statusCode(201);
        admin().body(Map.of("role", "organizer", "expiresIn", "P731D"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("expiresIn"));
        admin().body(Map.of("role", "organizer", "expiresIn", "-PT1H"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("expiresIn"));
        admin().body(Map.of("role", "organizer", "expiresIn", "soon"))
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldListTokensWithoutSecretOrHash() {
        var minted = admin().body(Map.of("role", "organizer", "label", "列表"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract();
        int id = minted.path("id");
        String token = minted.path("token");
        var listed = admin().queryParam("size", 500)
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .extract();
        List<Map<String, Object>> items = listed.path("items");
        Map<String, Object> mine = items.stream()
                .filter(t -> ((Number) t.get("id")).intValue() == id)
                .findFirst()
                .orElseThrow();
        assertEquals(
                java.util.Set.of("id", "role", "memberCode", "label", "createdAt", "expiresAt", "revokedAt"),
                mine.keySet());
        assertEquals(-1, listed.asString().indexOf(token));
        assertEquals(-1, listed.asString().indexOf(storedHash(id)));
        admin().delete("/api/tokens/" + id).then().statusCode(200);
        Api.as(token).get("/api/channels").then().statusCode(401);
        // revoking again changes nothing; the token stays refused
        admin().delete("/api/tokens/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        Api.as(token).get("/api/channels").then().statusCode(401);
    }

    @Test
    void shouldRefuseAShortBootstrapAdminToken() {
        assertEquals(null, AdminTokenCheck.problem("", 32)); // no bootstrap admin
        assertEquals(null, AdminTokenCheck.problem("x".repeat(32), 32));
        String problem = AdminTokenCheck.problem("demo-admin-token", 32);
        assertTrue(problem.contains("16 characters") && problem.contains("at least 32"), problem);
        assertTrue(!problem.contains("demo-admin-token"), "the message never quotes the token");
        assertTrue(Api.ADMIN_TOKEN.length() >= 32);
    }

    @Transactional
    String storedHash(long id) {
        return ApiToken.<ApiToken>findById(id).tokenHash;
    }
}
