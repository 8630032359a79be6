package io.tongxin.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoints under the test profile, which is the production setting
 * ({@code tongxin.ops.public=false}): health is public, metrics and the API description need an
 * admin token. Metrics label requests by route template only.
 */
@QuarkusTest
class OperationsAccessTest {

    @Test
    void shouldKeepHealthPublicAndCloseMetricsAndApiDescription() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        for (String path : new String[] {
            "/q/metrics",
            "/q/openapi",
            "/q/openapi.json",
            "/q/openapi.yaml",
            "/q/openapi.yml",
            "/q/swagger-ui/",
            "/q/swagger-ui/index.html",
            "/q/metrics/x"
        }) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
        }
        Api.as("tx_not-a-real-token").get("/q/metrics").then().statusCode(401);
        String organizer = Api.mint("organizer", null);
        given().header("Authorization", "Bearer " + organizer)
                .get("/q/metrics")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldLabelRequestsByTemplateSoProbesCannotCrowdOutRealEndpoints() {
        Api.admin().get("/api/channels").then().statusCode(200);
        String marker = "probe" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 150; i++) {
            given().get("/api/opinions/" + marker + "-" + i).then().statusCode(401);
            given().delete("/api/opinions/" + marker + "-" + i).then().statusCode(405);
            given().put("/api/opinions/" + marker + "-" + i + "/close").then().statusCode(405);
            Api.admin().get("/api/opinions/" + marker + "-" + i).then().statusCode(404);
            given().get("/api/" + marker + "-" + i + "/x").then().statusCode(404); // no route: before auth
            given().get("/" + marker + "-" + i).then().statusCode(404);
        }
        given().get("/api/opinions/" + marker + "-long?" + "q".repeat(5000))
                .then()
                .statusCode(414);
        given().get("/api/opinions/2026-000014").then().statusCode(401);
        given().delete("/api/opinions/2026-000014").then().statusCode(405);
        Api.admin().get("/api/members").then().statusCode(200);
        String metrics = given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(metrics.contains(marker), "raw paths became labels");
        assertFalse(metrics.contains("2026-000014"), "an opinion number became a label");
        assertTrue(metrics.contains("uri=\"/api/channels\""), "a real endpoint vanished");
        assertTrue(metrics.contains("uri=\"/api/members\""), "a real endpoint vanished");
        assertTrue(metrics.contains("uri=\"/api/opinions/{number}\""), metricsLines(metrics, "opinions"));
    }

    private static String metricsLines(String metrics, String part) {
        StringBuilder sb = new StringBuilder();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("http_server_requests") && line.contains(part)) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
