package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With the dispatcher enabled (as in production), an enqueued message goes out without anyone driving it. */
@QuarkusTest
@TestProfile(OutboxSchedulerTest.SchedulerEnabled.class)
class OutboxSchedulerTest {

    /** The production setting: the scheduled dispatcher runs. */
    public static class SchedulerEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tongxin.outbox.enabled", "true", "tongxin.outbox.poll-interval", "500ms");
        }
    }

    @Inject
    Outbox outbox;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldDeliverThroughTheScheduledDispatcher() throws Exception {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        long id = outbox.enqueue(OutboundMessage.of(
                        uniq("k"), channel, Target.chat("room"), Content.text("定时发送"), Origin.of("test", null)))
                .id();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (stub.requests("/send").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, stub.requests("/send").size());
        long until = System.nanoTime() + 5_000_000_000L;
        while (!"sent".equals(admin().get("/api/outbox/" + id).then().extract().path("status"))
                && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        admin().get("/api/outbox/" + id).then().body("status", equalTo("sent"));
    }
}
