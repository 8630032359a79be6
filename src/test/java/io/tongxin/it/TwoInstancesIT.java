package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database at the same time, residents' reports arriving at both: routing stays
 * correct across JVMs (no member over capacity, the least-loaded member first, the rest in the
 * organizer queue) and every message becomes exactly one opinion.
 */
class TwoInstancesIT {

    static final String SECRET = "it-bridge-secret-000003";
    static final int MESSAGES = 40;
    static final int MEMBERS = 3;
    static final int CAPACITY = 5;

    final Instances instances = new Instances();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void shouldRouteWithoutExceedingCapacityWhenTwoInstancesFileAtOnce() throws Exception {
        Instances.Instance a = instances.start("two-a", true, Map.of());
        Instances.Instance b = instances.start("two-b", false, Map.of());
        String channel = "it-two-" + System.currentTimeMillis();
        String chat = "it-two-residents@chatroom";
        setUp(a, channel, chat);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService residents = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int n = 0; n < MESSAGES; n++) {
                Instances.Instance to = n % 2 == 0 ? a : b;
                int k = n;
                posts.add(residents.submit(() -> BridgeClient.post(to, channel, SECRET, chat, k, acknowledged)));
            }
            for (Future<?> f : posts) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            residents.shutdownNow();
        }
        assertEquals(MESSAGES, acknowledged.size());
        Instances.awaitInboxProcessed(channel, Duration.ofSeconds(60));
        assertEquals(
                MESSAGES,
                Instances.number(
                        "select count(distinct s.opinion_id) from opinion_source s" + " where s.channel_key = ?",
                        channel),
                "one opinion per message");
        for (int m = 0; m < MEMBERS; m++) {
            assertEquals(
                    CAPACITY,
                    Instances.number(
                            "select count(*) from opinion where assignee_code = ?" + " and status = 'assigned'",
                            "it-two-m" + m),
                    "member " + m + " filled to capacity, not beyond");
        }
        assertEquals(
                MESSAGES - MEMBERS * CAPACITY,
                Instances.number(
                        "select count(*) from opinion o join opinion_source s"
                                + " on s.opinion_id = o.id where s.channel_key = ? and o.status = 'received'",
                        channel),
                "the rest wait in the organizer queue");
        assertTrue(Instances.number("select count(*) from opinion_member_lock where member_code like ?", "it-two-m%")
                <= MEMBERS);
    }

    /** A bridge channel (dry run: notices are logged, not sent), a residents' group and three members serving it. */
    private static void setUp(Instances.Instance i, String channel, String chat) {
        BridgeWorld world = new BridgeWorld(i, "it-two", channel)
                .dryRunChannel(SECRET)
                .community()
                .group("it-two-grp", "居民群", chat);
        for (int m = 0; m < MEMBERS; m++) {
            world.member("it-two-m" + m, "委员" + m, CAPACITY, "wxid_it_member" + m);
        }
    }
}
