package io.tongxin.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the README's RUN mode: the application built with the {@code embedded} profile
 * starts on a file H2 database, applies every Flyway migration and serves the API.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
public class EmbeddedModeTest {

    public static class Embedded implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "embedded";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:file:./target/embedded-smoke-"
                            + ProcessHandle.current().pid()
                            + "/tongxin;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
                    "quarkus.http.test-port",
                    "0",
                    "tongxin.admin-token",
                    "embedded-admin-token-0123456789ab");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldStartOnH2AndApplyEveryMigration() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertEquals("H2", c.getMetaData().getDatabaseProductName());
            try (ResultSet rs = c.createStatement()
                    .executeQuery(
                            "select count(*), sum(case when success then 0 else 1 end) from flyway_schema_history where version is not null")) {
                assertTrue(rs.next());
                assertTrue(rs.getInt(1) >= 1, "migrations applied");
                assertEquals(0, rs.getInt(2), "no failed migration");
            }
        }
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        // the demo mode leaves the operations endpoints open (tongxin.ops.public=true)
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .get("/api/channels")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldImportTheDemoSeedsAtStartUp() {
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .get("/api/workstations/lz-linxialu")
                .then()
                .statusCode(200)
                .body("headMemberCode", equalTo("lz-yang-xiaolong"));
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .queryParam("communityCode", "lz-jinganmen")
                .get("/api/members")
                .then()
                .statusCode(200)
                .body("items.code", org.hamcrest.Matchers.hasItem("lz-yang-xiaolong"));
    }

    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Test
    void shouldRunTheOpinionSlaJobAndRouteADemoOpinionWithNoticesInTheOutbox() {
        // the SLA pass is scheduled here (tests switch it off and drive it themselves)
        org.junit.jupiter.api.Assertions.assertNotNull(scheduler.getScheduledJob("opinion-sla"));
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .get("/api/dictionary")
                .then()
                .statusCode(200)
                .body(
                        "categories.find { it.code == 'health' }.sectorCodes",
                        org.hamcrest.Matchers.hasItem("lz-health"));
        String number = given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .contentType("application/json")
                .body(Map.of("text", "王阿姨反映看病太远", "communityCode", "lz-jinganmen", "residentCode", "lz-r-wang"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("assignee.code", equalTo("lz-yang-xiaolong"))
                .body("routing.rule", equalTo("pairing"))
                .extract()
                .path("number");
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .queryParam("origin", "opinion:" + number)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body(
                        "items.target",
                        org.hamcrest.Matchers.hasItems(
                                "user:wxid_demo_wangayi",
                                "user:wxid_demo_yangxiaolong")); // the member's identity on the reporter's channel
    }

    @Test
    void shouldStoreAWebhookMessageOnceAndAnswerItsRetryTheSameWay() throws Exception {
        String key = "h2-bridge-" + System.nanoTime();
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .contentType("application/json")
                .body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        String message = Webhooks.bridgeMessage("楼道灯坏了", null);
        String timestamp = Webhooks.now();
        String first = Webhooks.bridgeRequest(message, timestamp)
                .post("/webhooks/" + key)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String retry = Webhooks.bridgeRequest(message, timestamp)
                .post("/webhooks/" + key)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(first, retry);
        try (Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "select count(*), min(text), min(status) from inbox_message where channel_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "one row for a message and its retry");
                assertEquals("楼道灯坏了", rs.getString(2));
                assertTrue(
                        java.util.Set.of("processing", "processed", "pending").contains(rs.getString(3)),
                        rs.getString(3));
            }
        }
    }

    @Inject
    io.tongxin.inbox.InboxRetention inboxRetention;

    @Inject
    io.tongxin.outbox.OutboxRetention outboxRetention;

    @Test
    void shouldRunTheRetentionPurgesOnH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement()
                    .executeUpdate(
                            "insert into inbox_message (channel_key, channel_type, dedupe_key, kind,"
                                    + " sender_id, received_at, raw, status, next_attempt_at) values ('h2-old', 'bridge', 'id:h2-old',"
                                    + " 'text', 'wxid_old', dateadd('DAY', -100, current_timestamp), '{}', 'processed', current_timestamp)");
        }
        assertEquals(1, inboxRetention.purge());
        assertEquals(0, outboxRetention.purge());
    }
}
