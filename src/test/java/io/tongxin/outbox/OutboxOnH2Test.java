package io.tongxin.outbox;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tongxin.outbox.senders.AccessTokens;
import io.tongxin.shared.EmbeddedModeTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The outbox in the embedded (single-instance, file H2) mode: enqueue with ON CONFLICT, claims with
 * SKIP LOCKED, the rate-limit and token tables, and the log sender that this mode uses by default.
 * Unlike the default test profile, the scheduled dispatcher runs here, as in production.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
class OutboxOnH2Test {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    RateLimiter limiter;

    @Inject
    AccessTokens tokens;

    @Inject
    Clock clock;

    @Test
    void shouldEnqueueIdempotentlyAndDeliverThroughTheLogSenderOnH2() throws Exception {
        String channel = uniq("h2bridge");
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "演示",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        OutboundMessage m = OutboundMessage.of(
                uniq("k"), channel, Target.chat("room"), Content.text("你好"), Origin.of("test", null));
        Enqueued first = outbox.enqueue(m);
        assertTrue(first.created());
        assertFalse(outbox.enqueue(m).created());
        List<OutboundMessage> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(OutboundMessage.of(
                    uniq("k"), channel, Target.chat("room-" + i), Content.text("m" + i), Origin.of("test", channel)));
        }
        assertEquals(50, outbox.enqueueAll(many));
        dispatcher.drain(); // the scheduled dispatcher may take some of them too: both are fine
        long deadline = System.nanoTime() + 15_000_000_000L;
        int sent;
        do {
            sent = given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                    .queryParam("channelKey", channel)
                    .queryParam("status", "sent")
                    .get("/api/outbox")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("total");
            if (sent < 51) {
                Thread.sleep(100);
            }
        } while (sent < 51 && System.nanoTime() < deadline);
        assertEquals(51, sent);
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .get("/api/outbox/" + first.id())
                .then()
                .statusCode(200)
                .body("history[0].sender", org.hamcrest.Matchers.equalTo("log"));
    }

    @Test
    void shouldKeepRateWindowsAndTokensOnH2() throws Exception {
        String key = uniq("rate");
        List<RateLimiter.Limit> twoPerMinute = RateLimiter.parse("2/1m");
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // database precision
        assertEquals(Optional.empty(), limiter.reserve(key, twoPerMinute, now));
        assertEquals(Optional.empty(), limiter.reserve(key, twoPerMinute, now.plusSeconds(1)));
        assertEquals(Optional.of(now.plusSeconds(60)), limiter.reserve(key, twoPerMinute, now.plusSeconds(2)));

        AtomicInteger fetched = new AtomicInteger();
        AccessTokens.Fetch fetch = () -> new AccessTokens.Issued("T" + fetched.incrementAndGet(), 7200);
        String tokenKey = uniq("tok");
        assertEquals("T1", tokens.current(tokenKey, "corp\nsecret", fetch));
        assertEquals("T1", tokens.current(tokenKey, "corp\nsecret", fetch));
        tokens.invalidate(tokenKey, "T1");
        assertEquals("T2", tokens.current(tokenKey, "corp\nsecret", fetch));
        assertEquals("T3", tokens.current(tokenKey, "corp\nother-secret", fetch), "new credentials, new token");
        assertEquals(3, fetched.get());
    }

    /** As in production ({@code tongxin.outbox.enabled} defaults to true): nobody drives the dispatcher. */
    @Test
    void shouldDeliverThroughTheScheduledDispatcher() {
        String channel = uniq("h2sched");
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "定时",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        long id = outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.chat("room"), Content.text("定时发送"), Origin.of("test", null)))
                .id();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "sent"
                        .equals(given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                                .get("/api/outbox/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("status")));
        given().header("Authorization", "Bearer embedded-admin-token-0123456789ab")
                .get("/api/outbox/" + id)
                .then()
                .statusCode(200)
                .body("history", org.hamcrest.Matchers.hasSize(1))
                .body("history[0].sender", org.hamcrest.Matchers.equalTo("log"))
                .body("history[0].outcome", org.hamcrest.Matchers.equalTo("sent"));
    }
}
