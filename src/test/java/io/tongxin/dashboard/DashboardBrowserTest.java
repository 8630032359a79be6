package io.tongxin.dashboard;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.opinion.Fixture;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The dashboard in a real headless browser (Debian's chromium and chromedriver, installed by
 * scripts/browser.sh; without them this test fails, it never skips): an organizer logs in with a
 * token, opens every page, and each number the pages show is the number {@code GET /api/reports/...}
 * (or {@code /api/opinions}) answers for the same period, read as JSON in the same test. No page logs
 * a console error, every chart is drawn by ECharts, and a screenshot of each page is saved under
 * {@code target/dashboard-screenshots/} for review.
 */
@QuarkusTest
class DashboardBrowserTest {

    static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    static final ObjectMapper JSON = new ObjectMapper();
    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixture fixture;

    @Inject
    MutableClock clock;

    @Inject
    ZoneId zone;

    @BeforeAll
    static void startBrowser() throws IOException {
        for (String exe : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            if (!new File(exe).canExecute()) {
                fail(exe + " is missing: run scripts/browser.sh (apt-get install chromium chromium-driver)");
            }
        }
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1366,1500",
                "--lang=zh-CN");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** What the test arranged: a workstation with a community, two members, opinions, a class. */
    record World(Fixture.World w, String member1, String member2, List<String> opinions, String event) {}

    @Test
    void shouldShowTheApisNumbersOnEveryPageWithChartsAndNoConsoleErrors() throws Exception {
        World world = arrange();
        String token = Api.mint("organizer", null);
        LocalDate filedOn = LocalDate.ofInstant(Instant.now(), zone);
        LocalDate from = filedOn.minusDays(1);
        LocalDate to = filedOn.plusDays(10);
        String period = "?from=" + from + "&to=" + to;

        // log in: the form, then the session cookie carries every page
        open("/dashboard");
        assertTrue(browser.getCurrentUrl().endsWith("/dashboard/login"), browser.getCurrentUrl());
        shoot("login");
        browser.findElement(By.id("token")).sendKeys(token);
        clickAndLoad(By.id("login"));
        assertTrue(browser.getCurrentUrl().endsWith("/dashboard"), browser.getCurrentUrl());
        assertNotNull(browser.manage().getCookieNamed(DashboardAccess.COOKIE));
        assertNoConsoleErrors("overview (default period)");

        // overview: gauges and figures = GET /api/reports/opinions (overall), trend = /api/reports/weekly
        open("/dashboard" + period);
        JsonNode overall =
                api(token, "/api/reports/opinions" + period).get("items").get(0);
        assertRate(byTestId("response-rate"), overall.get("responseRate"));
        assertRate(byTestId("resolution-rate"), overall.get("resolutionRate"));
        assertRate(byTestId("satisfaction-rate"), overall.get("satisfactionRate"));
        for (var f : Map.of(
                        "filed", "filed",
                        "assigned", "assigned",
                        "resolved", "resolved",
                        "backlog", "backlog",
                        "overdue", "overdue",
                        "reported-upward", "reportedUpward",
                        "adopted", "adopted")
                .entrySet()) {
            assertCount(byTestId(f.getKey()), overall.get(f.getValue()));
        }
        assertHours(byTestId("avg-ack-hours"), overall.get("avgAckHours"));
        assertHours(byTestId("avg-resolve-hours"), overall.get("avgResolveHours"));
        assertTrue(overall.get("overdue").asLong() >= 2, "the arranged overdue opinions count: " + overall);
        String trendFrom = byTestId("trend-from").getText();
        String trendTo = byTestId("trend-to").getText();
        JsonNode weekly = api(token, "/api/reports/weekly?from=" + trendFrom + "&to=" + trendTo)
                .get("items");
        var weeks = browser.findElements(By.cssSelector("[data-testid=trend-table] tbody tr"));
        assertEquals(weekly.size(), weeks.size());
        // the table sits in a closed <details> under the chart: its text is there, not displayed
        for (int i = 0; i < weekly.size(); i++) {
            assertEquals(weekly.get(i).get("weekStart").asText(), weeks.get(i).getAttribute("data-week"));
            assertEquals(
                    weekly.get(i).get("filed").asText(),
                    cell(weeks.get(i), "filed").getDomProperty("textContent"));
            assertEquals(
                    weekly.get(i).get("resolved").asText(),
                    cell(weeks.get(i), "resolved").getDomProperty("textContent"));
        }
        assertChartsDrawn(4);
        assertNoConsoleErrors("overview");
        shoot("overview");

        // per workstation and per member: every row = the API's item with that key, overdue highlighted
        for (String by : List.of("workstation", "member")) {
            open("/dashboard/" + by + "s" + period);
            JsonNode items =
                    api(token, "/api/reports/opinions" + period + "&by=" + by).get("items");
            var rows = browser.findElements(By.cssSelector("[data-testid=report-table] tbody tr[data-key]"));
            assertEquals(items.size(), rows.size(), by);
            for (JsonNode item : items) {
                WebElement row = rowWithKey(rows, item.get("key").asText(""));
                assertTableRow(row, item);
                assertEquals(
                        item.get("overdue").asLong() > 0,
                        row.getAttribute("class").contains("overdue"),
                        "overdue highlighted: " + item);
            }
            assertTrue(
                    rows.stream().anyMatch(r -> r.getAttribute("class").contains("overdue")),
                    "an overdue " + by + " is highlighted");
            // sortable: a number column sorts largest first, a second click reverses it
            clickAndLoad(By.cssSelector("th a[data-sort=filed]"));
            assertSorted(by, "filed", true);
            clickAndLoad(By.cssSelector("th a[data-sort=filed]"));
            assertSorted(by, "filed", false);
            assertNoConsoleErrors(by + "s");
            shoot(by + "s");
        }
        open("/dashboard/workstations" + period);
        WebElement mine = rowWithKey(
                browser.findElements(By.cssSelector("[data-testid=report-table] tbody tr[data-key]")),
                world.w().workstation);
        assertEquals("5", cell(mine, "filed").getText());

        // opinions: the filtered list = GET /api/opinions with the same filters; one opinion's timeline
        open("/dashboard/opinions?communityCode=" + world.w().community);
        JsonNode list = api(token, "/api/opinions?communityCode=" + world.w().community);
        assertEquals(list.get("total").asText(), byTestId("opinions-total").getAttribute("data-value"));
        var listed = browser.findElements(By.cssSelector("[data-testid=opinions-table] tbody tr[data-number]"));
        assertEquals(list.get("items").size(), listed.size());
        for (int i = 0; i < listed.size(); i++) {
            JsonNode o = list.get("items").get(i);
            assertEquals(o.get("number").asText(), listed.get(i).getAttribute("data-number"));
            assertEquals(
                    o.get("overdue").asBoolean(),
                    listed.get(i).getAttribute("class").contains("overdue"));
        }
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("overdue"))).selectByValue("true");
        clickAndLoad(By.cssSelector("form.filters button[type=submit]"));
        JsonNode overdueList = api(token, "/api/opinions?communityCode=" + world.w().community + "&overdue=true");
        assertEquals(
                overdueList.get("total").asText(), byTestId("opinions-total").getAttribute("data-value"));
        assertEquals(2, overdueList.get("total").asInt());
        assertNoConsoleErrors("opinions");
        shoot("opinions");
        String resolved = world.opinions().get(0);
        open("/dashboard/opinions/" + resolved);
        JsonNode one = api(token, "/api/opinions/" + resolved);
        assertEquals(one.get("status").asText(), byTestId("opinion-status").getAttribute("data-value"));
        var steps = browser.findElements(By.cssSelector("[data-testid=timeline] li"));
        assertEquals(one.get("history").size(), steps.size());
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(
                    one.get("history").get(i).get("type").asText(), steps.get(i).getAttribute("data-type"));
        }
        assertNoConsoleErrors("opinion");
        shoot("opinion-timeline");

        // events: per event and per community = GET /api/reports/events
        open("/dashboard/events" + period);
        JsonNode events = api(token, "/api/reports/events" + period).get("items");
        assertEquals(
                events.size(),
                browser.findElements(By.cssSelector("[data-event]")).size());
        JsonNode ev = null;
        for (JsonNode e : events) {
            if (e.get("code").asText().equals(world.event())) {
                ev = e;
            }
        }
        assertNotNull(ev, "the arranged class is in the report");
        WebElement card = browser.findElement(By.cssSelector("[data-event='" + world.event() + "']"));
        for (String field : List.of(
                "invitationsSent",
                "membersInvited",
                "workstationsConfirmed",
                "councilsConfirmed",
                "councilsNotConfirmed",
                "capacity",
                "registered",
                "waitlisted",
                "cancelled",
                "certificates")) {
            assertCount(cell(card, field), ev.get(field));
        }
        long attended = 0;
        for (JsonNode s : ev.get("sessions")) {
            attended += s.get("attended").asLong();
        }
        assertEquals(String.valueOf(attended), cell(card, "attended").getText());
        for (JsonNode s : ev.get("sessions")) {
            WebElement row = card.findElement(
                    By.cssSelector("tr[data-session='" + s.get("number").asText() + "']"));
            assertCount(cell(row, "session-attended"), s.get("attended"));
        }
        assertEquals(3, ev.get("registered").asInt());
        for (JsonNode c : ev.get("communities")) {
            WebElement row = card.findElement(
                    By.cssSelector("tr[data-community='" + c.get("code").asText("") + "']"));
            assertCount(cell(row, "registered"), c.get("registered"));
            assertCount(cell(row, "waitlisted"), c.get("waitlisted"));
            assertEquals(
                    c.get("quota").isNull() ? "" : c.get("quota").asText(),
                    cell(row, "quota").getAttribute("data-value"));
        }
        assertChartsDrawn(events.size() > 0 ? 1 : 0);
        assertNoConsoleErrors("events");
        shoot("events");

        // delivery health: per channel = GET /api/reports/delivery
        open("/dashboard/delivery" + period);
        JsonNode channels = api(token, "/api/reports/delivery" + period).get("items");
        var lines = browser.findElements(By.cssSelector("[data-testid=delivery-table] tbody tr[data-key]"));
        assertEquals(channels.size(), lines.size());
        assertTrue(channels.size() > 0, "the class's invitation went through the outbox");
        for (JsonNode c : channels) {
            WebElement row = rowWithKey(lines, c.get("key").asText());
            for (String field : List.of("total", "sent", "dead", "pending", "retried")) {
                assertCount(cell(row, field), c.get(field));
            }
            assertHours(cell(row, "medianDelaySeconds"), c.get("medianDelaySeconds"));
            assertHours(cell(row, "p95DelaySeconds"), c.get("p95DelaySeconds"));
        }
        assertChartsDrawn(1);
        assertNoConsoleErrors("delivery");
        shoot("delivery");

        // the printable monthly bulletin: its boxes = the month's reports
        YearMonth month = YearMonth.from(filedOn);
        String monthPeriod = "?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        open("/dashboard/bulletin?month=" + month);
        assertEquals(month.toString(), byTestId("bulletin-month").getText());
        JsonNode monthAll =
                api(token, "/api/reports/opinions" + monthPeriod).get("items").get(0);
        assertCount(byTestId("filed"), monthAll.get("filed"));
        assertCount(byTestId("resolved"), monthAll.get("resolved"));
        assertCount(byTestId("backlog"), monthAll.get("backlog"));
        assertCount(byTestId("overdue"), monthAll.get("overdue"));
        assertCount(byTestId("reported-upward"), monthAll.get("reportedUpward"));
        assertCount(byTestId("adopted"), monthAll.get("adopted"));
        assertRate(byTestId("response-rate"), monthAll.get("responseRate"));
        assertRate(byTestId("resolution-rate"), monthAll.get("resolutionRate"));
        assertRate(byTestId("satisfaction-rate"), monthAll.get("satisfactionRate"));
        JsonNode monthEvents = api(token, "/api/reports/events" + monthPeriod).get("items");
        long registered = 0;
        long checkedIn = 0;
        for (JsonNode e : monthEvents) {
            registered += e.get("registered").asLong();
            for (JsonNode s : e.get("sessions")) {
                checkedIn += s.get("attended").asLong();
            }
        }
        assertEquals(String.valueOf(monthEvents.size()), byTestId("events").getText());
        assertEquals(String.valueOf(registered), byTestId("registered").getText());
        assertEquals(String.valueOf(checkedIn), byTestId("attended").getText());
        assertNoConsoleErrors("bulletin");
        shoot("bulletin");

        // logging out ends the session: the dashboard sends the browser back to the form
        open("/dashboard");
        clickAndLoad(By.cssSelector("form.who button[type=submit]"));
        assertTrue(browser.getCurrentUrl().endsWith("/dashboard/login"), browser.getCurrentUrl());
        open("/dashboard/members");
        assertTrue(browser.getCurrentUrl().endsWith("/dashboard/login"), browser.getCurrentUrl());
        assertNoConsoleErrors("logout");
    }

    /**
     * A workstation (临夏路街道政协委员工作站) with 静安门社区, two members, five opinions: one resolved
     * and rated 5, reported upward and adopted; one acknowledged; two left unacknowledged past their
     * deadline (the clock moves 38 hours); and a class with a community quota, four sign-ups (one
     * waitlisted) and two check-ins.
     */
    World arrange() {
        Fixture.World w = fixture.world();
        String m1 = Api.uniq("m");
        String m2 = Api.uniq("m");
        fixture.member(w, m1, "李红", w.sector, w.workstation, Set.of(w.community), null, null);
        fixture.member(w, m2, "杨小龙", w.sector, w.workstation, Set.of(w.community), null, null);
        fixture.realNames(w, "静安门社区", "临夏路街道政协委员工作站", m1);
        fixture.group(w, Api.uniq("chat") + "@chatroom", w.community, null);
        List<String> numbers = new ArrayList<>();
        for (String text : List.of("小区南门积水严重", "路灯不亮", "垃圾清运不及时", "楼道堆放杂物", "健身器材损坏")) {
            numbers.add(Fixture.file(w.keyword + text, w.community, null, null));
        }
        clock.advance(Duration.ofHours(2)); // acknowledged two hours after filing
        act(numbers.get(0), "acknowledge", Map.of());
        act(numbers.get(1), "acknowledge", Map.of());
        act(numbers.get(2), "acknowledge", Map.of());
        clock.advance(Duration.ofHours(20)); // resolved the next day
        act(numbers.get(0), "resolve", Map.of("note", "已疏通排水管道"));
        act(numbers.get(0), "close", Map.of("rating", 5));
        act(numbers.get(0), "report", Map.of("title", "关于老旧小区排水设施改造的建议"));
        act(numbers.get(0), "adopt", Map.of("note", "县政协采用"));
        act(numbers.get(2), "resolve", Map.of("note", "已协调环卫增加清运频次"));

        String event = Api.uniq("dance");
        Instant start = Instant.now().plus(Duration.ofDays(2));
        Map<String, Object> body = new HashMap<>();
        body.put("code", event);
        body.put("kind", "class");
        body.put("title", "少儿街舞公益课堂");
        body.put("venue", "县文化馆");
        body.put("capacity", 10);
        body.put("quotas", Map.of(w.community, 3));
        body.put("audience", Map.of("communityCodes", List.of(w.community)));
        body.put(
                "sessions",
                List.of(Map.of(
                        "startsAt", start.toString(),
                        "endsAt", start.plus(Duration.ofMinutes(90)).toString())));
        admin().body(body).post("/api/events").then().statusCode(201);
        admin().body(Map.of()).post("/api/events/" + event + "/publish").then().statusCode(200);
        List<String> codes = new ArrayList<>();
        for (String child : List.of("王小明", "李思思", "张一鸣", "赵可")) {
            codes.add(admin().body(Map.of("participantName", child, "communityCode", w.community, "age", 9))
                    .post("/api/events/" + event + "/registrations")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("code"));
        }
        for (String code : codes.subList(0, 2)) {
            admin().body(Map.of("session", 1))
                    .post("/api/events/" + event + "/registrations/" + code + "/check-in")
                    .then()
                    .statusCode(200);
        }
        clock.advance(Duration.ofHours(16)); // 38 hours on: numbers 3 and 4 are past their acknowledge deadline
        return new World(w, m1, m2, numbers, event);
    }

    private static void act(String number, String action, Map<String, Object> body) {
        admin().body(body).post("/api/opinions/" + number + "/" + action).then().statusCode(200);
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    private static JsonNode api(String token, String path) throws IOException {
        String body = Api.as(token).get(path).then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private static WebElement byTestId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static WebElement cell(WebElement row, String field) {
        return row.findElement(By.cssSelector("[data-field='" + field + "']"));
    }

    private static WebElement rowWithKey(List<WebElement> rows, String key) {
        return rows.stream()
                .filter(r -> key.equals(r.getAttribute("data-key")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + key));
    }

    private static void assertTableRow(WebElement row, JsonNode item) {
        for (String f : List.of("filed", "assigned", "acknowledgedInTime", "resolved", "backlog", "overdue")) {
            assertCount(cell(row, f), item.get(f));
        }
        for (String f : List.of("responseRate", "resolutionRate", "satisfactionRate")) {
            assertRate(cell(row, f), item.get(f));
        }
        for (String f : List.of("avgAckHours", "avgResolveHours")) {
            assertHours(cell(row, f), item.get(f));
        }
    }

    /**
     * Clicks what loads another page and waits until that page is there: the click returns before
     * the browser has followed the link or the form's answer (and its redirect).
     */
    private static void clickAndLoad(By what) {
        WebElement el = clickFound(what, 3);
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(el));
        wait.until(b -> "complete"
                .equals(((org.openqa.selenium.JavascriptExecutor) b).executeScript("return document.readyState")));
    }

    /**
     * Finds and clicks {@code what}; the element found is returned. Chrome now and then refuses a click on
     * an element just found ("Node with given id does not belong to the document", or a stale element:
     * the page was still settling), before dispatching it: then it is found again and clicked, up to
     * {@code tries} times.
     */
    private static WebElement clickFound(By what, int tries) {
        for (int i = 1; ; i++) {
            WebElement el = browser.findElement(what);
            try {
                el.click();
                return el;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (i >= tries || !refusedBeforeDispatch(e)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while clicking " + what, e);
            }
        }
    }

    /** Chrome refused the click on the element found: it was never dispatched, so trying again is safe. */
    private static boolean refusedBeforeDispatch(org.openqa.selenium.WebDriverException e) {
        return e instanceof org.openqa.selenium.StaleElementReferenceException
                || (e.getMessage() != null && e.getMessage().contains("does not belong to the document"));
    }

    private static void assertSorted(String by, String field, boolean descending) {
        var rows = browser.findElements(By.cssSelector("[data-testid=report-table] tbody tr[data-key]"));
        List<Long> values = new ArrayList<>();
        rows.forEach(r -> values.add(Long.parseLong(cell(r, field).getAttribute("data-value"))));
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(descending ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
        assertEquals(sorted, values, by + " sorted by " + field + (descending ? " desc" : " asc"));
        assertTrue(browser.getCurrentUrl().contains("sort=" + field), browser.getCurrentUrl());
    }

    /** A count: shown as the API's integer. */
    private static void assertCount(WebElement el, JsonNode api) {
        assertNotNull(api, "the API has the field");
        assertEquals(api.asText(), el.getAttribute("data-value"));
        assertEquals(api.asText(), el.getText());
    }

    /** A rate: the raw fraction as the API has it, shown as a percentage with one decimal, "—" for null. */
    private static void assertRate(WebElement el, JsonNode api) {
        if (api == null || api.isNull()) {
            assertEquals("", el.getAttribute("data-value"));
            assertEquals("—", el.getText());
            return;
        }
        assertEquals(api.asDouble(), Double.parseDouble(el.getAttribute("data-value")));
        assertEquals(
                BigDecimal.valueOf(api.asDouble() * 100)
                                .setScale(1, RoundingMode.HALF_UP)
                                .toPlainString() + "%",
                el.getText());
    }

    /** Hours or seconds: the raw value as the API has it, shown with one decimal, "—" for null. */
    private static void assertHours(WebElement el, JsonNode api) {
        if (api == null || api.isNull()) {
            assertEquals("", el.getAttribute("data-value"));
            assertEquals("—", el.getText());
            return;
        }
        assertEquals(api.asDouble(), Double.parseDouble(el.getAttribute("data-value")));
        assertEquals(
                BigDecimal.valueOf(api.asDouble())
                        .setScale(1, RoundingMode.HALF_UP)
                        .toPlainString(),
                el.getText());
    }

    /** Every chart container holds an ECharts instance with a canvas of non-zero size. */
    private static void assertChartsDrawn(int atLeast) {
        var charts = browser.findElements(By.cssSelector("[data-chart]"));
        assertTrue(charts.size() >= atLeast, "charts on the page: " + charts.size());
        for (WebElement chart : charts) {
            Object drawn = ((JavascriptExecutor) browser)
                    .executeScript(
                            "var el = arguments[0]; var c = el.querySelector('canvas');"
                                    + " return !!(window.echarts && echarts.getInstanceByDom(el)) && !!c"
                                    + " && c.width > 0 && c.height > 0;",
                            chart);
            assertEquals(Boolean.TRUE, drawn, "chart " + chart.getAttribute("id") + " is drawn");
        }
    }

    private static void assertNoConsoleErrors(String page) {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                severe.add(e.getMessage());
            }
        }
        assertFalse(!severe.isEmpty(), page + ": console errors " + severe);
    }

    private static void shoot(String name) throws IOException {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
