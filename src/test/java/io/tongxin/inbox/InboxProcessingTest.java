package io.tongxin.inbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Webhooks.inbox;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous processing from the stored copy: retries with backoff, parking as failed, re-drive
 * through the admin API, and resuming messages that a dead instance left behind.
 */
@QuarkusTest
class InboxProcessingTest {

    @Inject
    EntityManager em;

    @Inject
    MutableClock clock;

    @Test
    void shouldStoreAMessageNoHandlerWantsAsProcessedOnArrival() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("今天天气不错 #not-for-the-bot", "R:7"))
                .then()
                .statusCode(200);
        long id = onlyId(key);
        // processed in the accepting transaction: no claim, no attempt, no handler call
        admin().get("/api/inbox/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("processed"))
                .body("attempts", equalTo(0))
                .body("text", containsString("今天天气不错"));
        assertEquals(0, TestInboundHandler.calls(id));
    }

    @Test
    void shouldRetryFailuresThenParkAsFailedWithTheError() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("总是失败 #fail-always", null))
                .then()
                .statusCode(200);
        long id = onlyId(key);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(id)));
        admin().get("/api/inbox/" + id)
                .then()
                .statusCode(200)
                .body("attempts", equalTo(3))
                .body("lastError", containsString("simulated failure on attempt 3"));
        assertEquals(3, TestInboundHandler.calls(id), "max-attempts=3 in the test profile");
        admin().queryParam("status", "failed")
                .queryParam("size", 500)
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .body("items.id", hasItem((int) id));
    }

    @Test
    void shouldRetryFromTheStoredCopyUntilItSucceeds() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("先失败后成功 #fail-until-healed", "R:9"))
                .then()
                .statusCode(200);
        long id = onlyId(key);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> TestInboundHandler.calls(id) >= 1);
        TestInboundHandler.HEALED.add(id);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "processed".equals(status(id)));
        admin().get("/api/inbox/" + id)
                .then()
                .body("attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("lastError", containsString("until healed"))
                .body("processedAt", org.hamcrest.Matchers.notNullValue());
    }

    /**
     * A reply produced when nobody waits for it any more (a retry by the poller) reaches the sender
     * through the outbox: in the group it came from, @-mentioning the sender; a platform retry of the
     * same callback then gets no second copy of it.
     */
    @Test
    void shouldSendTheReplyOfARetriedMessageThroughTheOutbox() {
        String key = Webhooks.bridgeChannel();
        String message = Webhooks.bridgeMessage("重试后回复 #fail-until-healed #reply", "R:late");
        String timestamp = Webhooks.now();
        Webhooks.bridgeRequest(message, timestamp)
                .post("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("reply", org.hamcrest.Matchers.nullValue());
        long id = onlyId(key);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> TestInboundHandler.calls(id) >= 1);
        TestInboundHandler.HEALED.add(id);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "processed".equals(status(id)));
        admin().get("/api/inbox/" + id)
                .then()
                .statusCode(200)
                .body("replyDelivery", equalTo("outbox"))
                .body("reply", containsString("Received, we will follow up."));
        admin().queryParam("origin", "inbox:" + id)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].channelKey", equalTo(key))
                .body("items[0].target", equalTo("chat:R:late"))
                .body("items[0].mentions", equalTo(List.of("wxid_tester")))
                .body("items[0].text", containsString("Received, we will follow up."));
        // the platform retries the callback: the reply is not answered a second time
        Webhooks.bridgeRequest(message, timestamp)
                .post("/webhooks/" + key)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("reply", org.hamcrest.Matchers.nullValue());
        admin().queryParam("origin", "inbox:" + id).get("/api/outbox").then().body("total", equalTo(1));
    }

    /** A handler that doomed the transaction (and caught the error) must not pass for processed. */
    @Test
    void shouldFailAndRetryWhenAHandlerLeftTheTransactionMarkedForRollback() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("注定回滚 #doom", "R:doom"))
                .then()
                .statusCode(200)
                .body("reply", org.hamcrest.Matchers.nullValue());
        long id = onlyId(key);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(id)));
        admin().get("/api/inbox/" + id)
                .then()
                .body("lastError", containsString("marked for rollback"))
                .body("attempts", equalTo(3));
        admin().queryParam("origin", "inbox:" + id).get("/api/outbox").then().body("total", equalTo(0));
    }

    @Inject
    InboxRetention retention;

    /** Processed messages older than tongxin.inbox.keep-processed (90 days) go; failed and recent ones stay. */
    @Test
    void shouldPurgeOldProcessedMessagesButKeepFailedAndRecentOnes() {
        String key = Webhooks.bridgeChannel();
        for (String text : List.of("老消息", "老的失败消息", "新消息")) {
            Webhooks.postBridge(key, Webhooks.bridgeMessage(text + " #not-for-the-bot", "R:old"))
                    .then()
                    .statusCode(200);
        }
        Map<String, Long> ids = new java.util.HashMap<>();
        Webhooks.inbox(key)
                .forEach(r -> ids.put(((String) r.get("text")).split(" ")[0], ((Number) r.get("id")).longValue()));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery(
                            "update inbox_message set received_at = received_at - interval '100' day where id in (?1, ?2)")
                    .setParameter(1, ids.get("老消息"))
                    .setParameter(2, ids.get("老的失败消息"))
                    .executeUpdate();
            em.createNativeQuery("update inbox_message set status = 'failed' where id = ?1")
                    .setParameter(1, ids.get("老的失败消息"))
                    .executeUpdate();
        });
        assertTrue(retention.purge() >= 1);
        admin().get("/api/inbox/" + ids.get("老消息")).then().statusCode(404);
        admin().get("/api/inbox/" + ids.get("老的失败消息")).then().statusCode(200).body("status", equalTo("failed"));
        admin().get("/api/inbox/" + ids.get("新消息")).then().statusCode(200).body("status", equalTo("processed"));
        assertEquals(0, retention.purge(), "nothing left to purge");
    }

    @Test
    void shouldRedriveAParkedMessageAfterTheCauseIsFixed() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("修好后重试 #fail-until-healed", null))
                .then()
                .statusCode(200);
        long id = onlyId(key);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(id)));
        assertEquals(3, TestInboundHandler.calls(id));
        TestInboundHandler.HEALED.add(id);
        String organizer = Api.mint("organizer", null);
        Api.as(organizer).post("/api/inbox/" + id + "/retry").then().statusCode(403);
        admin().post("/api/inbox/" + id + "/retry")
                .then()
                .statusCode(200)
                .body("status", equalTo("pending"))
                .body("attempts", equalTo(0));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(status(id)));
        assertEquals(4, TestInboundHandler.calls(id));
        admin().post("/api/inbox/" + id + "/retry").then().statusCode(409).body("detail", containsString("processed"));
    }

    /**
     * A restart or kill -9 is simulated in the database, which is all a new instance sees: one row is
     * left "processing" under a claim of a dead instance whose lease has not expired yet, one was
     * accepted but never dispatched ("pending"). The pending one is picked up by the next poll; the
     * claimed one is left alone while its lease runs and is re-claimed once it expires.
     */
    @Test
    void shouldResumeMessagesLeftUnprocessedByADeadInstance() {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("被中断的处理", "R:crash"))
                .then()
                .statusCode(200);
        Webhooks.postBridge(key, Webhooks.bridgeMessage("尚未派发", "R:crash"))
                .then()
                .statusCode(200);
        List<Map<String, Object>> rows = inbox(key);
        long interrupted = rows.stream()
                .filter(r -> "被中断的处理".equals(r.get("text")))
                .map(r -> ((Number) r.get("id")).longValue())
                .findFirst()
                .orElseThrow();
        long undispatched = rows.stream()
                .filter(r -> "尚未派发".equals(r.get("text")))
                .map(r -> ((Number) r.get("id")).longValue())
                .findFirst()
                .orElseThrow();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> "processed".equals(status(interrupted)) && "processed".equals(status(undispatched)));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update inbox_message set status = 'processing', claim_token = 'dead-instance',"
                            + " locked_until = ?1, processed_at = null where id = ?2")
                    .setParameter(1, clock.instant().plusSeconds(60))
                    .setParameter(2, interrupted)
                    .executeUpdate();
            em.createNativeQuery("update inbox_message set status = 'pending', attempts = 0, processed_at = null"
                            + " where id = ?1")
                    .setParameter(1, undispatched)
                    .executeUpdate();
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(status(undispatched)));
        assertEquals(2, TestInboundHandler.calls(undispatched));
        assertEquals("processing", status(interrupted), "a live lease is respected");
        assertEquals(1, TestInboundHandler.calls(interrupted));
        try {
            clock.advance(Duration.ofSeconds(61));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(status(interrupted)));
        } finally {
            clock.reset();
        }
        assertEquals(2, TestInboundHandler.calls(interrupted));
        admin().get("/api/inbox/" + interrupted).then().body("attempts", equalTo(2));
    }

    @Test
    void shouldListWithFiltersAndPagingAndNeverShowSecrets() {
        String key = Webhooks.bridgeChannel();
        for (int i = 0; i < 3; i++) {
            Webhooks.postBridge(key, Webhooks.bridgeMessage("列表 " + i, null))
                    .then()
                    .statusCode(200);
        }
        String page = admin().queryParam("channelKey", key)
                .queryParam("size", 2)
                .queryParam("page", 0)
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.size()", equalTo(2))
                .body("items[0].text", equalTo("列表 2"))
                .extract()
                .asString();
        assertTrue(!page.contains(Webhooks.BRIDGE_SECRET));
        admin().queryParam("channelKey", key)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/inbox")
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].text", equalTo("列表 0"));
        admin().queryParam("channelKey", key)
                .queryParam("status", "processed")
                .get("/api/inbox")
                .then()
                .body("total", equalTo(3));
        admin().queryParam("status", "nonsense")
                .get("/api/inbox")
                .then()
                .statusCode(400)
                .body("detail", containsString("status"));
        admin().get("/api/inbox/999999999").then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/inbox/abc").then().statusCode(404);
        Api.anonymous().get("/api/inbox").then().statusCode(401);
        Api.as(Api.mint("organizer", null))
                .queryParam("channelKey", key)
                .get("/api/inbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
    }

    private static long onlyId(String key) {
        List<Map<String, Object>> rows = inbox(key);
        assertEquals(1, rows.size());
        return ((Number) rows.get(0).get("id")).longValue();
    }

    private static String status(long id) {
        return admin().get("/api/inbox/" + id).then().statusCode(200).extract().path("status");
    }
}
