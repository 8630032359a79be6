package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, goal 3: two messages of one new sender at once (two groups, one report in each, sent at
 * the same moment to two instances on one database) become one resident and two opinions, and
 * nothing fails on the way: every message is processed in its first attempt, and neither instance
 * logs a unique-constraint violation or a failed processing attempt (the resident is insert-or-get).
 */
class NewSenderAtOnceIT {

    static final String SECRET = "it-bridge-secret-000016";
    static final int SENDERS = 12;

    final Instances instances = new Instances();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void shouldFileTwoOpinionsForOneNewResidentWithoutARetry() throws Exception {
        Instances.Instance a = instances.start("new-sender-a", true, Map.of());
        Instances.Instance b = instances.start("new-sender-b", false, Map.of());
        String channel = "it-ns-" + System.currentTimeMillis();
        setUp(a, channel);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int s = 0; s < SENDERS; s++) {
                String sender = "wxid_it_new" + s;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Integer>> posts = new ArrayList<>();
                for (int g = 0; g < 2; g++) {
                    Instances.Instance to = g == 0 ? a : b;
                    String chat = "it-ns-room" + g + "@chatroom";
                    String id = "it-ns-" + s + "-" + g;
                    posts.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return BridgeClient.group(to, channel, SECRET, chat, sender, id, "楼道灯坏了，第" + id + "号楼");
                    }));
                }
                for (Future<Integer> f : posts) {
                    assertEquals(200, f.get(60, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Instances.awaitInboxProcessed(channel, Duration.ofSeconds(60));
        for (int s = 0; s < SENDERS; s++) {
            String sender = "wxid_it_new" + s;
            assertEquals(
                    1,
                    Instances.number("select count(*) from resident where user_id = ?", sender),
                    "one resident for " + sender);
            assertEquals(
                    2,
                    Instances.number(
                            "select count(distinct s.opinion_id) from opinion_source s where s.user_id = ?", sender),
                    "two opinions for " + sender);
            assertEquals(
                    1,
                    Instances.number(
                            "select count(distinct o.reporter_code) from opinion o join opinion_source s"
                                    + " on s.opinion_id = o.id where s.user_id = ?",
                            sender),
                    "both opinions of " + sender + " name the same resident");
        }
        assertEquals(
                2L * SENDERS,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ? and status = 'processed'"
                                + " and attempts = 1 and last_error is null",
                        channel),
                "every message processed in its first attempt");
        for (String name : List.of("new-sender-a", "new-sender-b")) {
            String log = Files.readString(Path.of("target/it-" + name + ".log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("started in"), "the log of " + name + " is the service's");
            assertFalse(log.contains("duplicate key"), name + " logged a unique-constraint violation");
            assertFalse(log.contains("processing failed"), name + " logged a failed processing attempt");
        }
    }

    /** A bridge channel (dry run), two residents' groups of one community and a member serving it. */
    static void setUp(Instances.Instance i, String channel) {
        BridgeWorld world =
                new BridgeWorld(i, "it-ns", channel).dryRunChannel(SECRET).community();
        for (int g = 0; g < 2; g++) {
            world.group("it-ns-grp" + g, "居民群" + g, "it-ns-room" + g + "@chatroom");
        }
        world.member("it-ns-m0", "委员", 1000, "wxid_it_member");
    }
}
