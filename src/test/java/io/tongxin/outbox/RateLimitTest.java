package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-target rate limits: a message over the limit waits for the window, it is neither dropped nor failed. */
@QuarkusTest
class RateLimitTest {

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

    @Test
    void shouldSendTwentyMessagesAMinuteToOneRobotAndTheTwentyFirstAfterTheWindow() {
        String channel = Channels.wecomBot(stub.baseUrl());
        String key = uniq("robot");
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            ids.add(outbox.enqueue(OutboundMessage.of(
                            uniq("k"), channel, Target.robot(key), Content.text("消息 " + i), Origin.of("test", null)))
                    .id());
        }
        Instant start = clock.instant();
        dispatcher.drain();
        assertEquals(20, stub.requests("/cgi-bin/webhook/send").size());
        JsonPath last =
                admin().get("/api/outbox/" + ids.get(20)).then().extract().jsonPath();
        assertEquals("pending", last.getString("status"), "waiting, not failed");
        assertEquals(0, last.getInt("attempts"));
        Instant next = Instant.parse(last.getString("nextAttemptAt"));
        assertTrue(
                !next.isBefore(start.plusSeconds(60))
                        && next.isBefore(clock.instant().plusSeconds(61)),
                "waits for the first send to leave the one-minute window: " + next);

        clock.advance(Duration.ofSeconds(30));
        dispatcher.drain();
        assertEquals(20, stub.requests("/cgi-bin/webhook/send").size(), "still inside the window");

        clock.advance(Duration.ofSeconds(31));
        dispatcher.drain();
        List<PlatformStub.Request> sent = stub.requests("/cgi-bin/webhook/send");
        assertEquals(21, sent.size());
        assertTrue(sent.get(20).body().contains("消息 21"));
        admin().get("/api/outbox/" + ids.get(20)).then().body("status", org.hamcrest.Matchers.equalTo("sent"));
        // Order kept for one target.
        for (int i = 0; i < 20; i++) {
            assertTrue(
                    sent.get(i).body().contains("消息 " + (i + 1) + "\""),
                    sent.get(i).body());
        }
    }

    @Test
    void shouldLimitWecomAppMessagesPerRecipientNotPerApp() {
        stub.always("/cgi-bin/gettoken", "{\"errcode\":0,\"access_token\":\"T\",\"expires_in\":7200}");
        String channel = Channels.wecomApp(stub.baseUrl());
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            batch.add(OutboundMessage.of(
                    uniq("k"), channel, Target.user("busy"), Content.text("m" + i), Origin.of("test", null)));
        }
        batch.add(OutboundMessage.of(
                uniq("k"), channel, Target.user("other"), Content.text("x"), Origin.of("test", null)));
        assertEquals(32, outbox.enqueueAll(batch));
        dispatcher.drain();
        List<PlatformStub.Request> sent = stub.requests("/cgi-bin/message/send");
        assertEquals(
                30, sent.stream().filter(r -> r.body().contains("\"busy\"")).count());
        assertEquals(
                1, sent.stream().filter(r -> r.body().contains("\"other\"")).count());
        clock.advance(Duration.ofSeconds(61));
        dispatcher.drain();
        assertEquals(
                31,
                stub.requests("/cgi-bin/message/send").stream()
                        .filter(r -> r.body().contains("\"busy\""))
                        .count());
    }
}
