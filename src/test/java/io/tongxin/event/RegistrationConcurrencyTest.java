package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Capacity and quotas hold when many sign up at once over real HTTP (the event row's lock). */
@QuarkusTest
class RegistrationConcurrencyTest {

    @Inject
    MutableClock clock;

    /** Signs everyone up at the same moment; answers each one's {@code {code, status, communityCode}}. */
    private static List<Map<String, Object>> signUpAtOnce(String event, List<Map<String, Object>> people)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (Map<String, Object> p : people) {
                Callable<Map<String, Object>> call = () -> {
                    start.await();
                    return admin().body(p)
                            .post("/api/events/" + event + "/registrations")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("");
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Future<Map<String, Object>> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(List<Map<String, Object>> rs, String status, String community) {
        return rs.stream()
                .filter(r -> status.equals(r.get("status")))
                .filter(r -> community == null || community.equals(r.get("communityCode")))
                .count();
    }

    @Test
    void shouldGiveExactlyTenPlacesToAHundredSimultaneousSignUps() throws Exception {
        String event = EventFixtures.create(EventFixtures.spec().capacity(10), clock.instant());
        List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            people.add(Map.of("participantName", "孩子" + i, "age", 8));
        }
        List<Map<String, Object>> rs = signUpAtOnce(event, people);
        assertEquals(10, count(rs, "registered", null));
        assertEquals(90, count(rs, "waitlisted", null));
        Set<String> codes = new HashSet<>();
        rs.forEach(r -> codes.add((String) r.get("code")));
        assertEquals(100, codes.size());
        assertTrue(codes.stream().allMatch(c -> c.matches("[A-HJ-NP-Z2-9]{8}")));
        Map<String, Object> summary = admin().get("/api/events/" + event + "/registrations/summary")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertEquals(10, summary.get("registered"));
        assertEquals(90, summary.get("waitlisted"));
        EventFixtures.delete(event);
    }

    @Test
    void shouldWaitlistOnlyTheCommunityWhoseQuotaIsFull() throws Exception {
        List<String> c = EventFixtures.communities(2);
        String a = c.get(0);
        String b = c.get(1);
        String event = EventFixtures.create(EventFixtures.spec().capacity(10).quota(a, 3), clock.instant());
        List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> p = new HashMap<>();
            p.put("participantName", "甲" + i);
            p.put("communityCode", a);
            people.add(p);
        }
        for (int i = 0; i < 5; i++) {
            people.add(Map.of("participantName", "乙" + i, "communityCode", b));
        }
        List<Map<String, Object>> rs = signUpAtOnce(event, people);
        assertEquals(3, count(rs, "registered", a));
        assertEquals(9, count(rs, "waitlisted", a));
        assertEquals(5, count(rs, "registered", b));
        assertEquals(0, count(rs, "waitlisted", b));
        EventFixtures.delete(event);
    }
}
