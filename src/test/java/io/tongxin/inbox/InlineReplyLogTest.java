package io.tongxin.inbox;

import static io.tongxin.support.Webhooks.inbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Webhooks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A passive reply is printed by the log sender, in its category, like an outbox message. */
@QuarkusTest
class InlineReplyLogTest {

    static final Logger SENT = Logger.getLogger("io.tongxin.outbox.sent");

    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    Level before;

    @BeforeEach
    void listen() {
        before = SENT.getLevel();
        SENT.setLevel(Level.FINE); // the test profile sends for real (no dry run): inline replies log at DEBUG
        SENT.addHandler(capture);
    }

    @AfterEach
    void stop() {
        SENT.removeHandler(capture);
        SENT.setLevel(before);
    }

    @Test
    void shouldLogAnInlineReplyOnceWhereTheOutboxLogsItsMessages() {
        String key = Webhooks.bridgeChannel();
        String json = Webhooks.bridgeMessage("日志 #reply", "R:log");
        String answer =
                Webhooks.postBridge(key, json).then().statusCode(200).extract().asString();
        assertTrue(answer.contains("已收到"), answer);
        long id = ((Number) inbox(key).get(0).get("id")).longValue();
        Webhooks.postBridge(key, json).then().statusCode(200); // a platform retry: the same answer, not said again
        List<String> blocks = logged.stream()
                .filter(m ->
                        m.contains("inline reply to inbox #" + id + " → " + key + " (bridge) answering wxid_tester"))
                .toList();
        assertEquals(1, blocks.size(), String.join("\n", logged));
        assertTrue(blocks.get(0).contains("│ 已收到，我们会尽快处理。Received, we will follow up. ]]> wxid_tester"), blocks.get(0));
    }
}
