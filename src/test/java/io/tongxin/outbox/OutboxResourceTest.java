package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API: filters, paging, detail with attempts, retry, roles, clear errors. */
@QuarkusTest
class OutboxResourceTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    OutboxMetrics metrics;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldListWithFiltersAndPaging() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String opinion = uniq("2024");
        stub.then("/send", 404, "{\"error\":\"no such chat\"}");
        long dead = outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.chat("room-dead"), Content.text("a"), Origin.of("opinion", opinion)))
                .id();
        dispatcher.drain();
        for (int i = 0; i < 3; i++) {
            outbox.enqueue(OutboundMessage.of(
                            uniq("k"),
                            channel,
                            Target.user("wxid_" + i),
                            Content.text("b" + i),
                            Origin.of("opinion", opinion))
                    .notBefore(java.time.Instant.now().plusSeconds(86400)));
        }
        admin().queryParam("channelKey", channel)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("items", hasSize(4))
                .body("items[3].id", equalTo((int) dead));
        admin().queryParam("channelKey", channel)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/outbox")
                .then()
                .body("total", equalTo(4))
                .body("items", hasSize(2));
        admin().queryParam("status", "dead")
                .queryParam("channelKey", channel)
                .get("/api/outbox")
                .then()
                .body("total", equalTo(1))
                .body("items[0].target", equalTo("chat:room-dead"))
                .body("items[0].lastErrorCode", equalTo("http-404"))
                .body("items[0].text", equalTo("a"))
                .body("items[0].history", nullValue());
        admin().queryParam("target", "user:wxid_1")
                .queryParam("channelKey", channel)
                .get("/api/outbox")
                .then()
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("pending"));
        admin().queryParam("target", "wxid_2").get("/api/outbox").then().body("items.target", hasItem("user:wxid_2"));
        admin().queryParam("origin", "opinion:" + opinion)
                .get("/api/outbox")
                .then()
                .body("total", equalTo(4));
        admin().queryParam("origin", "opinion")
                .queryParam("channelKey", channel)
                .get("/api/outbox")
                .then()
                .body("total", equalTo(4));
    }

    @Test
    void shouldShowAttemptsAndRetryDeadMessages() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        stub.then("/send", 401, "{\"error\":\"bad signature\"}");
        long id = outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.chat("room"), Content.text("hello"), Origin.of("reminder", "R1")))
                .id();
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("status", equalTo("dead"))
                .body("attempts", equalTo(1))
                .body("lastErrorCode", equalTo("http-401"))
                .body("history", hasSize(1))
                .body("history[0].outcome", equalTo("dead"))
                .body("history[0].errorCode", equalTo("http-401"))
                .body("history[0].sender", equalTo("bridge"))
                .body("sentAt", nullValue());
        admin().post("/api/outbox/" + id + "/retry").then().statusCode(200).body("status", equalTo("pending"));
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("sent"))
                .body("attempts", equalTo(2))
                .body("history", hasSize(2));
    }

    @Test
    void shouldLetOrganizersReadButOnlyAdminsRetry() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        long id = outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.chat("room"), Content.text("x"), Origin.of("test", null)))
                .id();
        String organizer = Api.mint("organizer", null);
        Api.as(organizer).get("/api/outbox").then().statusCode(200);
        Api.as(organizer).get("/api/outbox/" + id).then().statusCode(200);
        Api.as(organizer)
                .post("/api/outbox/" + id + "/retry")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.anonymous().get("/api/outbox").then().statusCode(401);
    }

    @Test
    void shouldAnswerClearErrorsForBadInput() {
        admin().queryParam("status", "lost")
                .get("/api/outbox")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("status"));
        admin().queryParam("size", 501).get("/api/outbox").then().statusCode(400);
        admin().get("/api/outbox/999999999").then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/outbox/abc").then().statusCode(404).contentType("application/problem+json");
        admin().post("/api/outbox/999999999/retry").then().statusCode(404);
    }

    @Test
    void shouldExposeBacklogAgeAndFailuresAsMetrics() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        stub.then("/send", 400, "{\"error\":\"bad request\"}");
        outbox.enqueue(OutboundMessage.of(
                uniq("k"), channel, Target.chat("room"), Content.text("x"), Origin.of("test", null)));
        dispatcher.drain();
        metrics.refresh();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.backlog("dead") >= 1);
        String body = io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + io.tongxin.support.Api.ADMIN_TOKEN) // tongxin.ops.public=false
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertTrue(
                body.contains("tongxin_outbox_backlog{status=\"dead\"}"), "backlog gauge");
        org.junit.jupiter.api.Assertions.assertTrue(
                body.contains("tongxin_outbox_oldest_pending_age_seconds"), "age gauge");
        org.junit.jupiter.api.Assertions.assertTrue(
                body.matches("(?s).*tongxin_outbox_failures_total\\{[^}]*code=\"http-400\"[^}]*sender=\"bridge\".*"),
                "failures by sender and code");
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("tongxin_outbox_sends_total"), "sends counter");
    }
}
