package io.tongxin.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limit on failed authentications per client address holds across instances: two instances of
 * the packaged jar (prod profile) on one database, behind a "proxy" (127.0.0.1, trusted) whose
 * {@code X-Forwarded-For} names the client. Failures at either instance, on any surface (bearer tokens
 * on {@code /api} and {@code /dashboard}, the dashboard's login form, webhook signatures), count against
 * the one {@code auth_failure} row of the address.
 *
 * <p>Asserted (the database is emptied at start; addresses from TEST-NET-3): 10 failures at one instance
 * and 10 at the other are 401s, the next one at either is a
 * 429 (per-instance counters would still answer 401); a concurrent burst of 100 bad tokens from four
 * threads over both instances gets exactly the limit of 401s (20, not 40) and 429s for the rest; good
 * tokens from the same address still get 200 (and a dashboard session) on both.
 */
class AuthLimitTwoInstancesIT {

    static final int LIMIT = 20;
    static final Duration WINDOW = Duration.ofHours(1);
    static final String SECRET = "it-bridge-secret-000174";

    final Instances instances = new Instances();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void shouldLimitFailuresOfOneAddressTogetherAcrossTwoInstances() throws Exception {
        Map<String, String> settings = Map.of(
                "TONGXIN_AUTH_FAILURE_LIMIT", Integer.toString(LIMIT),
                "TONGXIN_AUTH_FAILURE_WINDOW", WINDOW.toMinutes() + "m",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        Instances.Instance a = instances.start("auth-a", true, settings);
        Instances.Instance b = instances.start("auth-b", false, settings);
        String channel = "it-auth-" + System.currentTimeMillis();
        OutageWorld.bridgeChannel(a, channel, SECRET, "http://127.0.0.1:9/send");
        String organizer = a.api()
                .body(Map.of("role", "organizer", "label", "two instances"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        awayFromWindowEnd();

        // one address, failures on every surface, spread over both instances
        String client = "203.0.113.10";
        for (int i = 0; i < LIMIT / 4; i++) {
            assertEquals(
                    401, bearer(a, client, "/api/channels", "tx_guess-a" + i).statusCode());
            assertEquals(401, badSignature(b, client, channel).statusCode());
            assertEquals(
                    401,
                    bearer(b, client, "/dashboard/opinions", "tx_guess-b" + i).statusCode());
            assertEquals(401, login(a, client, "tx_login-" + i).statusCode());
        }
        // the limit is used up: the next failure is a 429 at either instance, on every surface
        for (Response r : List.of(
                bearer(a, client, "/api/channels", "tx_over-1"),
                bearer(b, client, "/api/channels", "tx_over-2"),
                login(b, client, "tx_over-3"),
                login(a, client, "tx_over-4"),
                bearer(a, client, "/dashboard/opinions", "tx_over-5"),
                badSignature(a, client, channel),
                badSignature(b, client, channel))) {
            assertEquals(429, r.statusCode(), r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            long retryAfter = Long.parseLong(r.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= WINDOW.toSeconds(), "Retry-After " + retryAfter);
        }
        // good tokens from the same address are never limited, at either instance
        for (Instances.Instance i : List.of(a, b)) {
            assertEquals(200, bearer(i, client, "/api/channels", organizer).statusCode());
            assertEquals(
                    200, bearer(i, client, "/api/channels", Instances.TOKEN).statusCode());
            assertEquals(
                    200, bearer(i, client, "/dashboard/opinions", organizer).statusCode());
            Response session = login(i, client, organizer);
            assertEquals(303, session.statusCode());
            assertTrue(session.getCookie("tongxin_dashboard") != null, "a dashboard session: " + session.headers());
        }
        assertEquals(
                LIMIT + 7L,
                Instances.number("select sum(failures) from auth_failure where client_address = ?", client),
                "one counter for the address, every failure in it");

        // a concurrent burst from another address: 4 threads, each alternating between the instances
        String burst = "203.0.113.20";
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    Instances.Instance to = (i + thread) % 2 == 0 ? a : b;
                    int status = bearer(to, burst, "/api/channels", "tx_burst-" + thread + "-" + i)
                            .statusCode();
                    answers.computeIfAbsent((to == a ? "a:" : "b:") + status, k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        int unauthorized = get(answers, "a:401") + get(answers, "b:401");
        int limited = get(answers, "a:429") + get(answers, "b:429");
        System.out.printf("AuthLimitTwoInstancesIT figures: burst answers %s%n", answers);
        assertEquals(LIMIT, unauthorized, "the limit once for both instances, not once each: " + answers);
        assertEquals(100 - LIMIT, limited, "the rest 429: " + answers);
        assertTrue(get(answers, "a:429") > 0 && get(answers, "b:429") > 0, "both instances limited: " + answers);
        assertEquals(200, bearer(b, burst, "/api/channels", organizer).statusCode());
    }

    private static int get(Map<String, AtomicInteger> answers, String key) {
        AtomicInteger n = answers.get(key);
        return n == null ? 0 : n.get();
    }

    /** Fixed windows: a test that started in the last 30 s of one waits for the next. */
    private static void awayFromWindowEnd() throws InterruptedException {
        long left = WINDOW.toMillis() - Math.floorMod(System.currentTimeMillis(), WINDOW.toMillis());
        if (left < 30_000) {
            Thread.sleep(left + 1000);
        }
    }

    private static Response bearer(Instances.Instance to, String client, String path, String token) {
        return given().baseUri(to.base())
                .redirects()
                .follow(false)
                .header("X-Forwarded-For", client)
                .header("Authorization", "Bearer " + token)
                .get(path);
    }

    private static Response login(Instances.Instance to, String client, String token) {
        return given().baseUri(to.base())
                .redirects()
                .follow(false)
                .header("X-Forwarded-For", client)
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .post("/dashboard/login");
    }

    private static Response badSignature(Instances.Instance to, String client, String channel) {
        String body = "{\"messageId\":\"forged-" + System.nanoTime() + "\",\"chat\":null,\"sender\":{\"id\":\"x\"},"
                + "\"text\":\"伪造\",\"mentions\":[],\"mentionsBot\":false,\"timestamp\":"
                + System.currentTimeMillis() / 1000 + "}";
        return given().baseUri(to.base())
                .header("X-Forwarded-For", client)
                .contentType("application/json")
                .header("X-Tongxin-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
                .header("X-Tongxin-Signature", "sha256=" + "0".repeat(64))
                .body(body)
                .post("/webhooks/" + channel);
    }
}
