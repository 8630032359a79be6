package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.shared.ProblemException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Enqueueing: idempotent, part of the caller's transaction, bulk for broadcasts, validated. */
@QuarkusTest
class EnqueueTest {

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
    void shouldStoreOneRowWhenTheSameKeyIsEnqueuedTwice() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String key = uniq("opinion:2024-0007:assigned");
        OutboundMessage m = OutboundMessage.of(
                key, channel, Target.chat("room"), Content.text("一次"), Origin.of("opinion", "2024-0007"));
        Enqueued first = outbox.enqueue(m);
        Enqueued again = outbox.enqueue(m);
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.id(), again.id());
        // Twice within one transaction as well, and through the bulk path.
        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(outbox.enqueue(m).created());
            assertEquals(0, outbox.enqueueAll(List.of(m, m)));
        });
        admin().queryParam("origin", "opinion:2024-0007")
                .queryParam("channelKey", channel)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].idempotencyKey", equalTo(key));
        dispatcher.drain();
        assertEquals(1, stub.requests("/send").size());
    }

    @Test
    void shouldSendNothingWhenTheCallersTransactionRollsBack() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String key = uniq("rolled-back");
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    outbox.enqueue(OutboundMessage.of(
                            key, channel, Target.chat("room"), Content.text("不该发出"), Origin.of("opinion", "X")));
                    throw new IllegalStateException("the change failed");
                }));
        dispatcher.drain();
        assertEquals(0, stub.requests().size());
        admin().queryParam("channelKey", channel).get("/api/outbox").then().body("total", equalTo(0));
        // The key was never stored, so it can be used now.
        assertTrue(outbox.enqueue(OutboundMessage.of(
                        key, channel, Target.chat("room"), Content.text("ok"), Origin.of("opinion", "X")))
                .created());
    }

    @Test
    void shouldEnqueueABroadcastInBulkAndHonourNotBeforeAndPriority() {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String event = uniq("E");
        List<OutboundMessage> invitations = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            invitations.add(OutboundMessage.of(
                            event + ":" + i,
                            channel,
                            Target.chat("group-" + i),
                            Content.text("协商议事会议邀请"),
                            Origin.of("event", event))
                    .notBefore(clock.instant().plusSeconds(3600)));
        }
        assertEquals(500, outbox.enqueueAll(invitations));
        assertEquals(0, outbox.enqueueAll(invitations.subList(0, 10)), "keys already stored are skipped");
        admin().queryParam("origin", "event:" + event)
                .queryParam("status", "pending")
                .get("/api/outbox")
                .then()
                .body("total", equalTo(500));

        dispatcher.drain();
        assertEquals(0, stub.requests().size(), "not before its time");
        clock.advance(Duration.ofSeconds(3601));
        dispatcher.drain();
        assertEquals(500, stub.requests("/send").size());
        admin().queryParam("origin", "event:" + event)
                .queryParam("status", "sent")
                .get("/api/outbox")
                .then()
                .body("total", equalTo(500));
    }

    @Test
    void shouldRefuseUnknownChannelsAndTargetsTheChannelCannotReach() {
        String bridge = Channels.bridge(stub.baseUrl() + "/send");
        ProblemException unknown = assertThrows(
                ProblemException.class,
                () -> outbox.enqueue(OutboundMessage.of(
                        uniq("k"), "no-such-channel", Target.chat("x"), Content.text("x"), Origin.of("test", null))));
        assertEquals(400, unknown.status());
        ProblemException robotOnBridge = assertThrows(
                ProblemException.class,
                () -> outbox.enqueue(OutboundMessage.of(
                        uniq("k"), bridge, Target.robot("key"), Content.text("x"), Origin.of("test", null))));
        assertTrue(robotOnBridge.getMessage().contains("cannot send to a 'robot' target"));
        assertThrows(IllegalArgumentException.class, () -> Content.text(" "));
        assertThrows(IllegalArgumentException.class, () -> Origin.of("Bad Type", null));
        assertThrows(
                IllegalArgumentException.class, () -> Target.robot("https://qyapi.weixin.qq.com/cgi-bin/webhook/send"));
        assertEquals(
                "abc", ((Target.Robot) Target.robot("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")).key());
    }
}
