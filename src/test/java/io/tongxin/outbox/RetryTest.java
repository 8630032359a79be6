package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Temporary failures back off and retry, permanent ones and exhausted ones are dead-lettered. */
@QuarkusTest
class RetryTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    MutableClock clock;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    long robotMessage(String channel, String key) {
        return outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.robot(key), Content.text("通知"), Origin.of("event", "E1")))
                .id();
    }

    JsonPath read(long id) {
        return admin().get("/api/outbox/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldRetryTemporaryFailuresWithDoublingBackoffAndJitter() {
        String channel = Channels.wecomBot(stub.baseUrl());
        stub.then("/cgi-bin/webhook/send", 502, "bad gateway")
                .then("/cgi-bin/webhook/send", "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
        long id = robotMessage(channel, uniq("key"));

        Instant t0 = clock.instant();
        dispatcher.drain();
        JsonPath first = read(id);
        assertEquals("retrying", first.getString("status"));
        assertEquals("http-502", first.getString("lastErrorCode"));
        Instant next = Instant.parse(first.getString("nextAttemptAt"));
        assertTrue(
                !next.isBefore(t0.plusSeconds(8))
                        && !next.isAfter(clock.instant().plusSeconds(10)),
                "first retry 8-10 s later: " + next);

        dispatcher.drain();
        assertEquals(1, stub.requests("/cgi-bin/webhook/send").size(), "not retried before it is due");

        clock.advance(Duration.ofSeconds(11));
        Instant t1 = clock.instant();
        dispatcher.drain();
        JsonPath second = read(id);
        assertEquals("retrying", second.getString("status"));
        assertEquals("-1", second.getString("lastErrorCode"));
        Instant next2 = Instant.parse(second.getString("nextAttemptAt"));
        assertTrue(
                !next2.isBefore(t1.plusSeconds(16))
                        && !next2.isAfter(clock.instant().plusSeconds(20)),
                "second retry 16-20 s later: " + next2);

        clock.advance(Duration.ofSeconds(21));
        dispatcher.drain();
        JsonPath done = read(id);
        assertEquals("sent", done.getString("status"));
        assertEquals(3, done.getInt("attempts"));
        assertEquals(2, done.getInt("failures"));
        assertEquals(3, done.getList("history").size());
        assertEquals("failed", done.getString("history[0].outcome"));
        assertEquals("sent", done.getString("history[2].outcome"));
    }

    @Test
    void shouldDeadLetterAfterTheMaximumNumberOfAttempts() {
        String channel = Channels.wecomBot(stub.baseUrl());
        stub.always("/cgi-bin/webhook/send", "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
        long id = robotMessage(channel, uniq("key"));
        for (int i = 0; i < 15; i++) {
            dispatcher.drain();
            clock.advance(Duration.ofMinutes(61));
        }
        JsonPath dead = read(id);
        assertEquals("dead", dead.getString("status"));
        assertEquals(12, dead.getInt("attempts"));
        assertEquals(12, stub.requests("/cgi-bin/webhook/send").size());
        assertEquals("dead", dead.getString("history[11].outcome"));
    }

    @Test
    void shouldDeadLetterAtOnceOnAnInvalidRobotKeyAndRetryOnAdminRequest() {
        String channel = Channels.wecomBot(stub.baseUrl());
        stub.then("/cgi-bin/webhook/send", "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
        long id = robotMessage(channel, uniq("key"));
        dispatcher.drain();
        JsonPath dead = read(id);
        assertEquals("dead", dead.getString("status"));
        assertEquals("93000", dead.getString("lastErrorCode"));
        assertEquals(1, dead.getInt("attempts"));

        admin().post("/api/outbox/" + id + "/retry").then().statusCode(200).body("status", equalTo("pending"));
        dispatcher.drain();
        assertEquals("sent", read(id).getString("status"));
        assertEquals(2, stub.requests("/cgi-bin/webhook/send").size());
        admin().post("/api/outbox/" + id + "/retry").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldWaitWithoutCountingAFailureWhenThePlatformThrottles() {
        String channel = Channels.wecomBot(stub.baseUrl());
        stub.then("/cgi-bin/webhook/send", "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
        long id = robotMessage(channel, uniq("key"));
        Instant t0 = clock.instant();
        dispatcher.drain();
        JsonPath throttled = read(id);
        assertEquals("retrying", throttled.getString("status"));
        assertEquals(0, throttled.getInt("failures"));
        assertEquals("throttled", throttled.getString("history[0].outcome"));
        assertTrue(!Instant.parse(throttled.getString("nextAttemptAt")).isBefore(t0.plusSeconds(60)));
        clock.advance(Duration.ofSeconds(61));
        dispatcher.drain();
        assertEquals("sent", read(id).getString("status"));
    }

    @Test
    void shouldRecordUnreachablePlatformsWithoutLeakingTheKey() {
        // A closed port: connection refused.
        String channel = Channels.wecomBot("http://127.0.0.1:9");
        String key = uniq("secretkey");
        long id = robotMessage(channel, key);
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("retrying"))
                .body("lastErrorCode", equalTo("io"))
                .body("lastError", not(containsString(key)))
                .body("history[0].detail", not(containsString(key)));
    }
}
