package io.tongxin.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.outbox.Content;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import io.tongxin.outbox.OutboxDispatcher;
import io.tongxin.outbox.Target;
import io.tongxin.shared.BackgroundThreads;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Processing yields the CPU to acknowledgements by OS priority (issue 16): a message is processed on
 * a thread whose Linux nice value is {@code tongxin.background.nice} (19), seen from inside the
 * handler and answered through the real webhook, while the thread that accepted it keeps the normal
 * priority; the outbox's senders run at the same nice value. Read from the kernel, not from our code.
 */
@QuarkusTest
class BackgroundPriorityTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Test
    void shouldProcessOnAThreadAtTheBackgroundNiceValueAndAcceptAtTheNormalOne() throws IOException {
        String key = Webhooks.bridgeChannel();
        Webhooks.postBridge(key, Webhooks.bridgeMessage("优先级 #nice", "R:nice"))
                .then()
                .statusCode(200)
                .body("reply", equalTo("nice=19"));
        Map<String, Integer> workers = niceByThread("inbox-worker-");
        assertFalse(workers.isEmpty(), "the inbox's worker threads run");
        workers.forEach((name, nice) -> assertEquals(19, nice, name));
        Map<String, Integer> accepting = niceByThread("executor-threa"); // Linux keeps 15 characters of a name
        assertFalse(accepting.isEmpty(), "the webhook was accepted on Quarkus's worker threads");
        accepting.forEach((name, nice) -> assertEquals(0, nice, name + " (accepting keeps the normal priority)"));
    }

    @Test
    void shouldSendTheOutboxOnThreadsAtTheBackgroundNiceValue() throws IOException {
        String key = Webhooks.bridgeChannel();
        outbox.enqueue(OutboundMessage.of(
                Api.uniq("nice"), key, Target.chat("R:nice@chatroom"), Content.text("提醒"), Origin.of("test", "1")));
        dispatcher.drain();
        Map<String, Integer> senders = niceByThread("outbox-sender-");
        assertFalse(senders.isEmpty(), "the outbox's sender threads ran");
        senders.forEach((name, nice) -> assertEquals(19, nice, name));
    }

    /** This JVM's threads whose name (its first 15 characters, as Linux keeps it) starts with {@code prefix}, with their nice values. */
    private static Map<String, Integer> niceByThread(String prefix) throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name = Files.readString(task.resolve("comm")).trim();
                if (name.startsWith(prefix)) {
                    found.put(name + " (" + task.getFileName() + ")", BackgroundThreads.niceOf(task.resolve("stat")));
                }
            }
        } catch (java.nio.file.NoSuchFileException ended) {
            // a thread ended while listing: read again
            return niceByThread(prefix);
        }
        return found;
    }
}
