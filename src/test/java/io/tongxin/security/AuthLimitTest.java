package io.tongxin.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The limit on failed authentications per client address, over real HTTP with the production setting
 * (20 failures; the window is an hour here, a minute in production): bad bearer tokens (on {@code /api},
 * {@code /q/metrics} and {@code /dashboard}), bad dashboard logins and bad webhook signatures beyond it
 * get 429 with {@code Retry-After}, all counted together per address; valid tokens and signatures from
 * the same address keep working, other addresses are not affected, and the counters live in PostgreSQL
 * (shared by every instance: {@code AuthLimitTwoInstancesIT}).
 */
@QuarkusTest
@TestProfile(AlternateSettings.class)
class AuthLimitTest {

    static final int LIMIT = 20;

    @Inject
    MutableClock clock;

    @Inject
    EntityManager em;

    /** A client address of this test's own (TEST-NET-3), forwarded by the trusted local proxy. */
    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "203.0." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
    }

    private static Response withToken(String address, String token) {
        return given().header("X-Forwarded-For", address)
                .header("Authorization", "Bearer " + token)
                .get("/api/channels");
    }

    /** Moves the clock to the start of the next window, so a burst falls in one window. */
    private void freshWindow() {
        long window = Duration.ofHours(1).toMillis();
        long now = clock.millis();
        clock.advance(Duration.ofMillis(window - Math.floorMod(now, window) + 1));
    }

    @Test
    void shouldAnswerABurstOfBadTokensWith429AndKeepGoodTokensWorking() {
        freshWindow();
        String attacker = address();
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < 300; i++) {
            Response r = withToken(attacker, "tx_guess-" + i);
            if (r.statusCode() == 401) {
                unauthorized++;
            } else if (r.statusCode() == 429) {
                limited++;
                if (limited == 1) {
                    r.then()
                            .contentType("application/problem+json")
                            .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                            .body("status", equalTo(429))
                            .body("detail", containsString("failed authentications"));
                    int retryAfter = Integer.parseInt(r.header("Retry-After"));
                    assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
                }
            }
        }
        assertEquals(LIMIT, unauthorized, "the first " + LIMIT + " failures are plain 401s");
        assertEquals(300 - LIMIT, limited, "the rest of the burst is 429");
        // good tokens from the same address are unaffected, the minted one and the bootstrap one
        String organizer = Api.mint("organizer", null);
        withToken(attacker, organizer).then().statusCode(200);
        withToken(attacker, Api.ADMIN_TOKEN).then().statusCode(200);
        // another address still gets its 401s
        withToken(address(), "tx_other").then().statusCode(401);
        // the counter is in the database, where every instance counts
        assertTrue(failuresOf(attacker) > LIMIT, "stored failures of " + attacker);
        // the next window starts afresh
        clock.advance(Duration.ofMinutes(61));
        withToken(attacker, "tx_guess-again").then().statusCode(401);
    }

    @Test
    void shouldLimitBadWebhookSignaturesAndStillTakeSignedMessages() {
        freshWindow();
        String channel = Webhooks.bridgeChannel();
        String attacker = address();
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < 300; i++) {
            byte[] body = Webhooks.bridgeMessage("伪造 " + i, null).getBytes(StandardCharsets.UTF_8);
            Response r = given().header("X-Forwarded-For", attacker)
                    .contentType("application/json")
                    .header("X-Tongxin-Timestamp", Webhooks.now())
                    .header("X-Tongxin-Signature", "sha256=" + "0".repeat(64))
                    .body(body)
                    .post("/webhooks/" + channel);
            if (r.statusCode() == 401) {
                unauthorized++;
            } else if (r.statusCode() == 429) {
                limited++;
                r.then()
                        .contentType("application/problem+json")
                        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
            }
        }
        assertEquals(LIMIT, unauthorized);
        assertEquals(300 - LIMIT, limited);
        // a correctly signed message from the same address is accepted
        Webhooks.bridgeRequest(Webhooks.bridgeMessage("真的消息", null), Webhooks.now())
                .header("X-Forwarded-For", attacker)
                .post("/webhooks/" + channel)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
        assertEquals(
                0,
                Webhooks.inbox(channel).stream()
                        .filter(m -> String.valueOf(m.get("text")).startsWith("伪造"))
                        .count());
    }

    @Test
    void shouldNotCountRequestsWithoutAToken() {
        freshWindow();
        String client = address();
        for (int i = 0; i < LIMIT + 5; i++) {
            given().header("X-Forwarded-For", client)
                    .get("/api/channels")
                    .then()
                    .statusCode(401);
        }
        withToken(client, "tx_first-guess").then().statusCode(401);
    }

    @Test
    void shouldLimitBadTokensOnTheOperationsEndpointsToo() {
        freshWindow();
        String attacker = address();
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < LIMIT + 10; i++) {
            int status = given().header("X-Forwarded-For", attacker)
                    .header("Authorization", "Bearer tx_ops-guess-" + i)
                    .get("/q/metrics")
                    .then()
                    .extract()
                    .statusCode();
            if (status == 401) {
                unauthorized++;
            } else if (status == 429) {
                limited++;
            }
        }
        assertEquals(LIMIT, unauthorized);
        assertEquals(10, limited);
        given().header("X-Forwarded-For", attacker)
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/q/metrics")
                .then()
                .statusCode(200);
    }

    private static Response dashboardLogin(String address, String token) {
        return given().redirects()
                .follow(false)
                .header("X-Forwarded-For", address)
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .post("/dashboard/login");
    }

    @Test
    void shouldCountBadDashboardLoginsAndTokensAgainstTheSameLimit() {
        freshWindow();
        // the login form alone: the limit, then 429
        String guesser = address();
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < LIMIT + 10; i++) {
            Response r = dashboardLogin(guesser, "tx_login-guess-" + i);
            if (r.statusCode() == 401) {
                unauthorized++;
                r.then().contentType(containsString("text/html")).body(containsString("令牌无效"));
            } else if (r.statusCode() == 429) {
                limited++;
                r.then()
                        .contentType("application/problem+json")
                        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                        .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                        .body("status", equalTo(429));
            }
        }
        assertEquals(LIMIT, unauthorized, "the first " + LIMIT + " bad logins are the form's 401");
        assertEquals(10, limited, "the rest 429");

        // the login form, the dashboard's bearer header and /api share one counter per address
        String attacker = address();
        for (int i = 0; i < LIMIT / 2; i++) {
            withToken(attacker, "tx_api-guess-" + i).then().statusCode(401);
            dashboardLogin(attacker, "tx_login-guess-" + i).then().statusCode(401);
        }
        dashboardLogin(attacker, "tx_login-over").then().statusCode(429);
        given().redirects()
                .follow(false)
                .header("X-Forwarded-For", attacker)
                .header("Authorization", "Bearer tx_dashboard-over")
                .get("/dashboard/opinions")
                .then()
                .statusCode(429)
                .contentType("application/problem+json");
        withToken(attacker, "tx_api-over").then().statusCode(429);
        assertEquals(LIMIT + 3, failuresOf(attacker), "every failure in the address's one counter");

        // a good organizer token from the same address still opens a session; another address is not limited
        String organizer = Api.mint("organizer", null);
        dashboardLogin(attacker, organizer)
                .then()
                .statusCode(303)
                .header("Set-Cookie", containsString("tongxin_dashboard="));
        dashboardLogin(guesser, Api.ADMIN_TOKEN).then().statusCode(303);
        dashboardLogin(address(), "tx_other").then().statusCode(401);
    }

    @Transactional
    int failuresOf(String address) {
        return ((Number) em.createNativeQuery(
                                "select coalesce(sum(failures), 0) from auth_failure where client_address = ?1")
                        .setParameter(1, address)
                        .getSingleResult())
                .intValue();
    }
}
