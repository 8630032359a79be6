package io.tongxin.shared;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document tells the truth about what is served, who may call it and how errors look. */
@QuarkusTest
class OpenApiDocumentTest {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    static JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        // not @BeforeAll: rest-assured knows the test port only once a test method runs
        if (doc != null) {
            return;
        }
        // with tongxin.ops.public off (production and tests) the document is for admins
        String json = given().header("Authorization", "Bearer " + io.tongxin.support.Api.ADMIN_TOKEN)
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        doc = new ObjectMapper().readTree(json);
    }

    /** Every operation as "METHOD path" with its node. */
    static List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    ops.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
                }
            });
        }
        return ops;
    }

    @Test
    void shouldListOnlyTheApiAndTheWebhooks() {
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertTrue(paths.contains("/api/channels"), paths.toString());
        assertTrue(paths.contains("/webhooks/{channelKey}"), paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("/bench")), paths.toString());
        assertTrue(
                paths.stream().allMatch(p -> p.startsWith("/api/") || p.startsWith("/webhooks/")),
                "only served paths: " + paths);
    }

    @Test
    void shouldDeclareTheOpaqueBearerTokenOnEveryApiOperation() {
        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertTrue(scheme.path("bearerFormat").isMissingNode(), "not a JWT: " + scheme);
        assertNull(doc.get("security"), "no document-wide requirement: webhooks are signed, not bearer");
        List<String> api = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : operations()) {
            JsonNode security = op.getValue().path("security");
            if (op.getKey().contains(" /api/")) {
                api.add(op.getKey());
                assertEquals(1, security.size(), op.getKey() + ": " + security);
                assertTrue(security.get(0).has("bearer"), op.getKey() + ": " + security);
                assertTrue(op.getValue().path("responses").has("401"), op.getKey());
                assertTrue(op.getValue().path("responses").has("403"), op.getKey());
            } else {
                assertTrue(security.isMissingNode() || security.isEmpty(), op.getKey() + ": " + security);
            }
        }
        assertTrue(api.size() > 30, "api operations: " + api);
    }

    @Test
    void shouldDeclareErrorsAsProblemJson() {
        int errors = 0;
        for (Map.Entry<String, JsonNode> op : operations()) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            op.getValue().path("responses").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                    continue;
                }
                errors++;
                JsonNode content = response.getValue().path("content");
                List<String> types = new ArrayList<>();
                content.fieldNames().forEachRemaining(types::add);
                assertEquals(List.of("application/problem+json"), types, op.getKey() + " " + response.getKey());
                assertEquals(
                        "#/components/schemas/Problem",
                        content.path("application/problem+json")
                                .path("schema")
                                .path("$ref")
                                .asText(),
                        op.getKey() + " " + response.getKey());
            }
        }
        assertTrue(errors > 100, "error responses declared: " + errors);
        assertTrue(operations().stream()
                .filter(op -> op.getKey().equals("GET /api/channels/{key}"))
                .allMatch(op -> op.getValue().path("responses").has("404")));
        assertTrue(operations().stream()
                .filter(op -> op.getKey().equals("POST /api/channels"))
                .allMatch(op -> op.getValue().path("responses").has("400")
                        && op.getValue().path("responses").has("409")));
        assertFalse(doc.path("components").path("schemas").path("Problem").isMissingNode());
    }

    @Test
    void shouldListActionsAndStatusesAsTheirWireValues() {
        JsonNode act = doc.path("paths").path("/api/opinions/{number}/{action}").path("post");
        List<String> actions = new ArrayList<>();
        for (JsonNode p : act.path("parameters")) {
            if ("action".equals(p.path("name").asText())) {
                JsonNode schema = p.path("schema");
                if (schema.has("$ref")) {
                    String name = schema.path("$ref").asText().replace("#/components/schemas/", "");
                    schema = doc.path("components").path("schemas").path(name);
                }
                schema.path("enum").forEach(v -> actions.add(v.asText()));
            }
        }
        assertTrue(actions.containsAll(List.of("acknowledge", "resolve", "transfer", "merge")), "actions: " + actions);
        List<String> statuses = new ArrayList<>();
        doc.path("components")
                .path("schemas")
                .path("OpinionView")
                .path("properties")
                .path("status")
                .path("enum")
                .forEach(v -> statuses.add(v.asText()));
        assertEquals(
                List.of(
                        "received",
                        "assigned",
                        "acknowledged",
                        "in_progress",
                        "resolved",
                        "closed",
                        "rejected",
                        "merged"),
                statuses);
        List<String> outbox = new ArrayList<>();
        doc.path("components")
                .path("schemas")
                .path("OutboxMessageView")
                .path("properties")
                .path("status")
                .path("enum")
                .forEach(v -> outbox.add(v.asText()));
        assertEquals(List.of("pending", "retrying", "sent", "dead"), outbox);
    }
}
