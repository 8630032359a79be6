package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A long text goes out as ordered parts of one message; a retry resumes after the parts already sent. */
@QuarkusTest
class SplitDeliveryTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    MutableClock clock;

    @Inject
    ObjectMapper json;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldSendATenKilobyteTextAsOrderedPartsAndResumeAfterAFailure() throws Exception {
        String text = TextSplitterTest.tenKilobytes();
        int expectedParts = TextSplitter.split(text, 2048).size();
        String channel = Channels.wecomBot(stub.baseUrl());
        // Parts 1 and 2 go through, part 3 fails once.
        stub.then("/cgi-bin/webhook/send", "{\"errcode\":0}")
                .then("/cgi-bin/webhook/send", "{\"errcode\":0}")
                .then("/cgi-bin/webhook/send", 503, "unavailable");
        long id = outbox.enqueue(OutboundMessage.of(
                        uniq("k"),
                        channel,
                        Target.robot(uniq("robot")),
                        Content.text(text).mentioning("zhangsan"),
                        Origin.of("event", "E9")))
                .id();
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("retrying"))
                .body("partsSent", equalTo(2))
                .body("parts", equalTo(expectedParts));

        clock.advance(Duration.ofSeconds(11));
        dispatcher.drain();
        admin().get("/api/outbox/" + id)
                .then()
                .body("status", equalTo("sent"))
                .body("partsSent", equalTo(expectedParts));

        List<PlatformStub.Request> requests = stub.requests("/cgi-bin/webhook/send");
        assertEquals(expectedParts + 1, requests.size(), "every part once, plus the one failed try");
        StringBuilder delivered = new StringBuilder();
        for (int i = 0; i < requests.size(); i++) {
            if (i == 2) {
                continue; // the failed try of part 3; its retry is request 4
            }
            var body = json.readTree(requests.get(i).body());
            String content = body.path("text").path("content").asText();
            assertTrue(content.getBytes(StandardCharsets.UTF_8).length <= 2048);
            assertEquals(i == 0, body.path("text").has("mentioned_list"), "mentions only on the first part");
            delivered.append(content);
        }
        assertEquals(text, delivered.toString());
    }
}
