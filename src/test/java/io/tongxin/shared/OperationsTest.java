package io.tongxin.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void shouldReportHealthIncludingTheDatabase() {
        given().get("/q/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldExposePrometheusMetrics() {
        Api.admin().get("/api/channels").then().statusCode(200);
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN) // closed: tongxin.ops.public=false
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests"));
    }

    @Test
    void shouldServeOpenApiAndSwaggerUi() {
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/channels"));
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/q/swagger-ui/")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldAnswerUnknownPathsWithProblemJson() {
        Api.admin()
                .get("/api/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        Api.admin().delete("/api/tokens").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void shouldNeverLeakExceptionDetailsOnBadInput() {
        Api.admin()
                .body("[1,2,")
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
        Api.admin()
                .queryParam("size", 100000)
                .get("/api/channels")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("size"));
    }
}
