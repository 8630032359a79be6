package io.tongxin.dashboard;

import static io.restassured.RestAssured.given;
import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tongxin.opinion.Fixture;
import io.tongxin.security.TokenService;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may open the dashboard and how: the login form trades an organizer's token for a session
 * cookie kept in the database; a script may send the bearer token instead; members and bad tokens are
 * refused; logging out or revoking the token ends the session.
 */
@QuarkusTest
class DashboardAccessTest {

    @Inject
    Fixture fixture;

    @Inject
    EntityManager em;

    private static RequestSpecification browser() {
        return given().redirects().follow(false);
    }

    private static Response logIn(String token) {
        return browser()
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .post("/dashboard/login");
    }

    @Test
    void shouldSendAVisitorWithoutSessionToTheLoginForm() {
        browser()
                .get("/dashboard/opinions")
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/login"));
        browser()
                .cookie(DashboardAccess.COOKIE, "tx_forged-session-id")
                .get("/dashboard/opinions")
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/login"));
        browser()
                .get("/dashboard/login")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("name=\"token\""))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void shouldOpenASessionWithAnOrganizerTokenInAStrictHttpOnlyCookieStoredHashed() {
        String token = Api.mint("organizer", null);
        Response login = logIn(token);
        login.then().statusCode(303).header("Location", containsString("/dashboard"));
        String setCookie = login.getHeader("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.startsWith(DashboardAccess.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/dashboard"), setCookie);
        assertTrue(!setCookie.contains("Secure"), "plain http: no Secure flag " + setCookie);
        String session = login.getCookie(DashboardAccess.COOKIE);

        browser()
                .cookie(DashboardAccess.COOKIE, session)
                .get("/dashboard/opinions")
                .then()
                .statusCode(200)
                .body(containsString("社情民意"))
                .header("Cache-Control", "no-store");
        assertEquals(1L, sessionsWithHash(TokenService.hashOf(session)));
        assertEquals(0L, sessionsWithHash(session), "the session id itself is never stored");
    }

    @Test
    void shouldEndTheSessionWhenItsTokenIsRevoked() {
        var minted = admin().body(Map.of("role", "organizer", "label", "revoked later"))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract();
        String session = logIn(minted.path("token")).getCookie(DashboardAccess.COOKIE);
        browser()
                .cookie(DashboardAccess.COOKIE, session)
                .get("/dashboard/opinions")
                .then()
                .statusCode(200);
        admin().delete("/api/tokens/" + minted.path("id")).then().statusCode(200);
        browser()
                .cookie(DashboardAccess.COOKIE, session)
                .get("/dashboard/opinions")
                .then()
                .statusCode(303)
                .header("Location", containsString("/dashboard/login"));
    }

    @Test
    void shouldEndTheSessionOnLogout() {
        String session = logIn(Api.mint("organizer", null)).getCookie(DashboardAccess.COOKIE);
        Response out = browser().cookie(DashboardAccess.COOKIE, session).post("/dashboard/logout");
        out.then().statusCode(303).header("Location", containsString("/dashboard/login"));
        assertTrue(out.getHeader("Set-Cookie").contains("Max-Age=0"), out.getHeader("Set-Cookie"));
        browser()
                .cookie(DashboardAccess.COOKIE, session)
                .get("/dashboard/opinions")
                .then()
                .statusCode(303);
    }

    @Test
    void shouldRefuseBadTokensAndMembersWithAClearPage() {
        logIn("tx_not-a-token")
                .then()
                .statusCode(401)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .body(containsString("令牌无效"));
        var w = fixture.world();
        String code = Api.uniq("m");
        fixture.member(w, code, w.sector, w.workstation, Set.of(w.community), null, null);
        String member = Api.mint("member", code);
        logIn(member)
                .then()
                .statusCode(403)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .body(containsString("仅供组织者和管理员"));
        browser()
                .header("Authorization", "Bearer " + member)
                .get("/dashboard/opinions")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"));
    }

    @Test
    void shouldAcceptABearerHeaderForScripts() {
        browser()
                .header("Authorization", "Bearer " + Api.mint("organizer", null))
                .get("/dashboard/opinions")
                .then()
                .statusCode(200)
                .body(containsString("opinions-total"));
        browser()
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/dashboard/opinions")
                .then()
                .statusCode(200);
        browser()
                .header("Authorization", "Bearer tx_wrong")
                .get("/dashboard/opinions")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(not(containsString("opinions-total")));
    }

    @Test
    void shouldAnswerABadFilterWithAnHtmlPageNamingTheFieldWhileTheApiKeepsProblemJson() {
        String admin = "Bearer " + Api.ADMIN_TOKEN;
        for (String[] c : new String[][] {
            {"/dashboard/opinions?from=garbage", "from", "开始日期"},
            {"/dashboard/bulletin?month=2026-13", "month", "月份"},
            {"/dashboard?from=2026-11-30&to=2026-11-01", "to", "结束日期"},
            {"/dashboard/members?sort=bogus", "sort", "排序列"},
            {"/dashboard/opinions?page=abc", "page", "页码"},
            {"/dashboard/opinions?status=lost", "status", "状态"}
        }) {
            Response r = browser().header("Authorization", admin).get(c[0]);
            String page = r.asString();
            assertEquals(400, r.statusCode(), c[0]);
            assertTrue(r.contentType().startsWith("text/html"), c[0] + ": " + r.contentType() + " " + page);
            assertEquals(DashboardAccess.CSP, r.header("Content-Security-Policy"), c[0]);
            for (String part : new String[] {
                "<html lang=\"zh-CN\">", "筛选条件有误", "data-field=\"" + c[1] + "\"", "「" + c[2] + "」（" + c[1] + "）的值无效"
            }) {
                assertTrue(page.contains(part), c[0] + ": no " + part + " in " + page);
            }
            assertTrue(page.contains("href=\"" + c[0].replaceFirst("\\?.*", "") + "\""), c[0] + ": " + page);
        }
        // the value is shown escaped, never as markup
        browser()
                .header("Authorization", admin)
                .urlEncodingEnabled(true)
                .queryParam("from", "<b>x</b>")
                .get("/dashboard/delivery")
                .then()
                .statusCode(400)
                .body(not(containsString("<b>x</b>")))
                .body(containsString("&lt;b&gt;x&lt;/b&gt;"));
        browser()
                .header("Authorization", admin)
                .get("/dashboard/opinions/NO-SUCH-OPINION")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("未找到"));
        // the API answers the same mistakes in problem+json, the field named
        browser()
                .header("Authorization", admin)
                .get("/api/reports/opinions?from=garbage")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo("from"));
        browser()
                .header("Authorization", admin)
                .get("/api/opinions?page=abc")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo("page"));
    }

    @Test
    void shouldServeEChartsFromTheWebjarWithoutCdn() {
        given().get("/webjars/echarts/5.3.1/dist/echarts.min.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("echarts"));
        given().get("/dashboard/assets/dashboard.js").then().statusCode(200);
        given().get("/dashboard/assets/dashboard.css").then().statusCode(200);
        browser()
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .get("/dashboard/opinions")
                .then()
                .body(containsString("src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\""))
                .body(not(containsString("cdn")))
                .header("Content-Security-Policy", equalTo(DashboardAccess.CSP));
    }

    @Transactional
    long sessionsWithHash(String hash) {
        return em.createQuery("select count(s) from DashboardSession s where s.sessionHash = :h", Long.class)
                .setParameter("h", hash)
                .getSingleResult();
    }
}
