package io.tongxin.report;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.anonymous;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The opinion report on known rows: eleven opinions filed in March of a year no other test uses (plus
 * three just outside it), every figure computed by hand in the comments below (docs/reports.md).
 */
@QuarkusTest
class ReportOpinionsTest {

    private static final double EPS = 1e-9;

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    ReportRows rows;
    int year;
    String march;
    String memberA = uniq("rpa");
    String memberB = uniq("rpb");
    String sector1 = uniq("rs1");
    String sector2 = uniq("rs2");
    String ws1 = uniq("rw1");
    String ws2 = uniq("rw2");
    String com1 = uniq("rc1");
    String com2 = uniq("rc2");
    String cat1 = uniq("rk1");
    String cat2 = uniq("rk2");

    @BeforeEach
    void knownRows() {
        year = ThreadLocalRandom.current().nextInt(1950, 2000);
        march = "from=" + year + "-03-01&to=" + year + "-03-31";
        rows = new ReportRows(dataSource);
        rows.sector(sector1, "经济界");
        rows.sector(sector2, "教育界");
        rows.workstation(ws1, "东关工作站");
        rows.workstation(ws2, "西关工作站");
        rows.community(com1, "静安门社区", ws1);
        rows.community(com2, "西路社区", ws2);
        rows.member(memberA, "杨小龙", sector1, ws1);
        rows.member(memberB, "李红", sector2, ws2);

        // t0: a Monday 10:00 in the zone, so t0 + 72 h is the Thursday of the same week
        Instant t0 = LocalDate.of(year, 3, 8)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                .atTime(10, 0)
                .atZone(zone)
                .toInstant();
        Instant future = Instant.now().plus(Duration.ofDays(30));
        // o1 A: assigned +1 h, acknowledged +3 h (in time; 2 h), resolved +49 h, rated 5, adopted
        rows.opinion(op(t0, com1, ws1, cat1)
                .status("closed")
                .to(memberA)
                .assigned(h(t0, 1), h(t0, 25))
                .acknowledged(h(t0, 3), h(t0, 200))
                .resolved(h(t0, 49))
                .closed(h(t0, 60), 5)
                .upward("adopted"));
        // o2 A: acknowledged +30 h, after its deadline +24 h (late; 30 h), resolved +72 h, rated 3, reported
        rows.opinion(op(t0, com1, ws1, cat1)
                .status("closed")
                .to(memberA)
                .assigned(t0, h(t0, 24))
                .acknowledged(h(t0, 30), h(t0, 200))
                .resolved(h(t0, 72))
                .closed(h(t0, 80), 3)
                .upward("reported"));
        // o3 A: acknowledged +4 h (in time), resolved +24 h, not rated
        rows.opinion(op(t0, com2, ws2, cat2)
                .status("resolved")
                .to(memberA)
                .assigned(t0, h(t0, 24))
                .acknowledged(h(t0, 4), h(t0, 200))
                .resolved(h(t0, 24)));
        // o4 A: acknowledged +10 h (in time), still open, resolve deadline long past: backlog, overdue
        rows.opinion(op(t0, com1, ws1, cat2)
                .status("acknowledged")
                .to(memberA)
                .assigned(t0, h(t0, 24))
                .acknowledged(h(t0, 10), h(t0, 168)));
        // o5 B: assigned, not acknowledged, deadline in the future: backlog, not overdue
        rows.opinion(op(t0, com2, ws2, cat1).status("assigned").to(memberB).assigned(t0, future));
        // o6 B: assigned, not acknowledged, deadline past: backlog, overdue
        rows.opinion(op(t0, com2, ws2, cat1).status("assigned").to(memberB).assigned(t0, h(t0, 24)));
        // o7 nobody: received, acknowledge deadline past: backlog, overdue
        rows.opinion(op(t0, com1, ws1, cat1).ackDue(h(t0, 2)));
        // o8 B: assigned, then rejected: assigned, not acknowledged, not backlog
        rows.opinion(op(t0, com2, ws2, cat2).status("rejected").to(memberB).assigned(t0, h(t0, 24)));
        // o9 nobody: merged into another: filed only
        rows.opinion(op(t0, com2, ws2, cat1).status("merged"));
        // o10 B: at 23:59 on the last day (inside): acknowledged +1 h, resolved +5 h (in April), rated 4
        Instant lastMinute = LocalDateTime.of(year, 3, 31, 23, 59).atZone(zone).toInstant();
        rows.opinion(op(lastMinute, com2, ws2, cat2)
                .status("closed")
                .to(memberB)
                .assigned(lastMinute, h(lastMinute, 24))
                .acknowledged(h(lastMinute, 1), h(lastMinute, 200))
                .resolved(h(lastMinute, 5))
                .closed(h(lastMinute, 6), 4));
        // o12 nobody, no community, no category: at 00:00 on the first day (inside), deadline ahead
        rows.opinion(
                new ReportRows.Op(LocalDate.of(year, 3, 1).atStartOfDay(zone).toInstant()).ackDue(future));
        // outside: o11 at 00:00 on 1 April, o13 a second before 1 March
        Instant april = LocalDate.of(year, 4, 1).atStartOfDay(zone).toInstant();
        rows.opinion(op(april, com1, ws1, cat1)
                .status("closed")
                .to(memberA)
                .assigned(april, h(april, 1))
                .acknowledged(april, h(april, 100))
                .resolved(h(april, 2))
                .closed(h(april, 3), 5));
        rows.opinion(
                op(LocalDate.of(year, 3, 1).atStartOfDay(zone).minusSeconds(1).toInstant(), com1, ws1, cat1)
                        .to(memberA)
                        .status("assigned")
                        .assigned(t0, future));
    }

    @AfterEach
    void removeRows() {
        rows.close();
    }

    private ReportRows.Op op(Instant created, String community, String workstation, String category) {
        return new ReportRows.Op(created)
                .in(community, workstation)
                .category(category, category.equals(cat1) ? "市政设施" : "环境卫生");
    }

    private static Instant h(Instant t, long hours) {
        return t.plus(Duration.ofHours(hours));
    }

    private ValidatableResponse report(String query) {
        return Doubles.of(admin())
                .get("/api/reports/opinions" + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(200);
    }

    @Test
    void shouldAnswerTheOverallFiguresComputedByHand() {
        report(march + "&by=overall")
                .body("from", equalTo(year + "-03-01"))
                .body("to", equalTo(year + "-03-31"))
                .body("by", equalTo("overall"))
                .body("items", hasSize(1))
                .body("items[0].key", equalTo("overall"))
                .body("items[0].filed", equalTo(11)) // o1..o10, o12
                .body("items[0].assigned", equalTo(8)) // o1..o6, o8, o10
                .body("items[0].acknowledgedInTime", equalTo(4)) // o1, o3, o4, o10
                .body("items[0].resolved", equalTo(4)) // o1, o2, o3, o10
                .body("items[0].rated", equalTo(3)) // o1 5, o2 3, o10 4
                .body("items[0].satisfied", equalTo(2)) // o1, o10
                .body("items[0].responseRate", closeTo(4.0 / 8, EPS))
                .body("items[0].resolutionRate", closeTo(4.0 / 8, EPS))
                .body("items[0].satisfactionRate", closeTo(2.0 / 3, EPS))
                .body("items[0].avgAckHours", closeTo((2 + 30 + 4 + 10 + 1) / 5.0, EPS))
                .body("items[0].avgResolveHours", closeTo((49 + 72 + 24 + 5) / 4.0, EPS))
                .body("items[0].backlog", equalTo(5)) // o4, o5, o6, o7, o12
                .body("items[0].overdue", equalTo(3)) // o4, o6, o7
                .body("items[0].reportedUpward", equalTo(2)) // o1, o2
                .body("items[0].adopted", equalTo(1)); // o1
    }

    @Test
    void shouldAnswerOneItemPerMemberWithTheUnassignedLast() {
        report(march + "&by=member")
                .body("by", equalTo("member"))
                .body("items.key", contains(memberA, memberB, null))
                .body("items.name", contains("杨小龙", "李红", null))
                .body("items.filed", contains(4, 4, 3))
                .body("items.assigned", contains(4, 4, 0))
                .body("items.acknowledgedInTime", contains(3, 1, 0))
                .body("items.resolved", contains(3, 1, 0))
                .body("items.rated", contains(2, 1, 0))
                .body("items.satisfied", contains(1, 1, 0))
                .body("items[0].responseRate", closeTo(3.0 / 4, EPS))
                .body("items[0].resolutionRate", closeTo(3.0 / 4, EPS))
                .body("items[0].satisfactionRate", closeTo(1.0 / 2, EPS))
                .body("items[0].avgAckHours", closeTo((2 + 30 + 4 + 10) / 4.0, EPS))
                .body("items[0].avgResolveHours", closeTo((49 + 72 + 24) / 3.0, EPS))
                .body("items[1].responseRate", closeTo(1.0 / 4, EPS))
                .body("items[1].resolutionRate", closeTo(1.0 / 4, EPS))
                .body("items[1].satisfactionRate", closeTo(1.0, EPS))
                .body("items[1].avgAckHours", closeTo(1.0, EPS))
                .body("items[1].avgResolveHours", closeTo(5.0, EPS))
                .body("items[2].responseRate", nullValue())
                .body("items[2].resolutionRate", nullValue())
                .body("items[2].satisfactionRate", nullValue())
                .body("items[2].avgAckHours", nullValue())
                .body("items[2].avgResolveHours", nullValue())
                .body("items.backlog", contains(1, 2, 2))
                .body("items.overdue", contains(1, 1, 1))
                .body("items.reportedUpward", contains(2, 0, 0))
                .body("items.adopted", contains(1, 0, 0));
    }

    @Test
    void shouldGroupByCommunityWorkstationSectorAndCategory() {
        // community 1: o1, o2, o4, o7; community 2: o3, o5, o6, o8, o9, o10; none: o12
        report(march + "&by=community")
                .body("items.key", contains(com1, com2, null))
                .body("items.name", contains("静安门社区", "西路社区", null))
                .body("items.filed", contains(4, 6, 1))
                .body("items.assigned", contains(3, 5, 0))
                .body("items.acknowledgedInTime", contains(2, 2, 0))
                .body("items[0].responseRate", closeTo(2.0 / 3, EPS))
                .body("items[1].responseRate", closeTo(2.0 / 5, EPS))
                .body("items.backlog", contains(2, 2, 1));
        report(march + "&by=workstation")
                .body("items.key", contains(ws1, ws2, null))
                .body("items.name", contains("东关工作站", "西关工作站", null))
                .body("items.filed", contains(4, 6, 1));
        // the assignee's sector: A's four, B's four, the unassigned three
        report(march + "&by=sector")
                .body("items.key", contains(sector1, sector2, null))
                .body("items.name", contains("经济界", "教育界", null))
                .body("items.filed", contains(4, 4, 3))
                .body("items.resolved", contains(3, 1, 0));
        // category 1: o1, o2, o5, o6, o7, o9; category 2: o3, o4, o8, o10; none: o12
        report(march + "&by=category")
                .body("items.key", contains(cat1, cat2, null))
                .body("items.name", contains("市政设施", "环境卫生", null))
                .body("items.filed", contains(6, 4, 1))
                .body("items.resolved", contains(2, 2, 0))
                .body("items.rated", contains(2, 1, 0))
                .body("items[0].satisfactionRate", closeTo(1.0 / 2, EPS))
                .body("items[1].satisfactionRate", closeTo(1.0, EPS))
                .body("items.overdue", contains(2, 1, 0));
    }

    @Test
    void shouldCountTheFirstAndLastMinuteOfThePeriodAndNothingOutside() {
        // 23:59 on the last day is in, 00:00 the next day is not
        report("from=" + year + "-03-31&to=" + year + "-03-31")
                .body("items[0].filed", equalTo(1))
                .body("items[0].rated", equalTo(1));
        report("from=" + year + "-04-01&to=" + year + "-04-30")
                .body("items[0].filed", equalTo(1))
                .body("items[0].satisfied", equalTo(1));
        // 00:00 on the first day is in, a second before is not
        report("from=" + year + "-03-01&to=" + year + "-03-01")
                .body("items[0].filed", equalTo(1))
                .body("items[0].assigned", equalTo(0))
                .body("items[0].backlog", equalTo(1));
        report("from=" + year + "-02-01&to=" + year + "-02-"
                        + LocalDate.of(year, 2, 1).lengthOfMonth())
                .body("items[0].filed", equalTo(1))
                .body("items[0].backlog", equalTo(1));
        // nothing filed: zeros and null rates, still one item
        report("from=" + year + "-06-01&to=" + year + "-06-30")
                .body("items", hasSize(1))
                .body("items[0].filed", equalTo(0))
                .body("items[0].responseRate", nullValue())
                .body("items[0].avgAckHours", nullValue());
        report("from=" + year + "-06-01&to=" + year + "-06-30&by=member").body("items", hasSize(0));
    }

    @Test
    void shouldShowAMemberOnlyTheirOwnOpinions() {
        String token = Api.mint("member", memberA);
        Doubles.of(Api.as(token))
                .get("/api/reports/opinions?" + march + "&by=member")
                .then()
                .statusCode(200)
                .body("items.key", contains(memberA))
                .body("items[0].filed", equalTo(4))
                .body("items[0].responseRate", closeTo(3.0 / 4, EPS));
        Doubles.of(Api.as(token))
                .get("/api/reports/opinions?" + march)
                .then()
                .statusCode(200)
                .body("items[0].key", equalTo("overall"))
                .body("items[0].filed", equalTo(4))
                .body("items[0].backlog", equalTo(1));
        // other groupings: their own opinions only (o1, o2, o4 in community 1; o3 in community 2)
        Doubles.of(Api.as(token))
                .get("/api/reports/opinions?" + march + "&by=community")
                .then()
                .statusCode(200)
                .body("items.key", contains(com1, com2))
                .body("items.filed", contains(3, 1));
        Api.as(token).get("/api/reports/weekly?" + march).then().statusCode(200).body("items.filed.sum()", equalTo(4));
        // a member with nothing in the period still gets their own row, of zeros
        String idle = uniq("rpz");
        rows.member(idle, "赵六", sector1, ws1);
        Doubles.of(Api.as(Api.mint("member", idle)))
                .get("/api/reports/opinions?" + march + "&by=member")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].key", equalTo(idle))
                .body("items[0].name", equalTo("赵六"))
                .body("items[0].filed", equalTo(0))
                .body("items[0].responseRate", nullValue());
        Api.as(token).get("/api/reports/events?" + march).then().statusCode(403);
        Api.as(token).get("/api/reports/delivery?" + march).then().statusCode(403);
    }

    @Test
    void shouldRefuseCallersWithoutAToken() {
        anonymous()
                .get("/api/reports/opinions?" + march)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Doubles.of(Api.as(Api.mint("organizer", null)))
                .get("/api/reports/opinions?" + march + "&by=member")
                .then()
                .statusCode(200)
                .body("items", hasSize(3));
    }

    @Test
    void shouldAnswerTheWeeklyTrendOfFiledAndResolved() {
        LocalDate firstMonday = LocalDate.of(year, 3, 1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate t0Week = LocalDate.of(year, 3, 8).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        JsonPath json = Doubles.of(admin())
                .get("/api/reports/weekly?" + march)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> weeks = json.getList("items.weekStart");
        assertEquals(firstMonday.toString(), weeks.get(0));
        assertEquals(
                LocalDate.of(year, 3, 31)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .toString(),
                weeks.get(weeks.size() - 1));
        int at = weeks.indexOf(t0Week.toString());
        // o1..o9 filed at t0; o1 (+49 h), o2 (+72 h), o3 (+24 h) resolved the same week; o10 resolved in April
        assertEquals(9, json.getInt("items[" + at + "].filed"));
        assertEquals(3, json.getInt("items[" + at + "].resolved"));
        assertEquals(11, json.getInt("items.filed.sum()"));
        assertEquals(3, json.getInt("items.resolved.sum()"));
        assertEquals(1, json.getInt("items[0].filed")); // o12 on 1 March
    }

    @Test
    void shouldRefuseABadPeriodOrGroupingNamingTheField() {
        for (Map.Entry<String, String> bad : Map.of(
                        "from=" + year + "-03-10&to=" + year + "-03-01",
                        "to",
                        "from=" + year + "-02-30&to=" + year + "-03-01",
                        "from",
                        "from=yesterday",
                        "from",
                        "to=" + year + "-13-01",
                        "to",
                        "from=" + year + "-01-01&to=" + (year + 1) + "-02-05",
                        "to",
                        march + "&by=street",
                        "by")
                .entrySet()) {
            Doubles.of(admin())
                    .get("/api/reports/opinions?" + bad.getKey())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo(bad.getValue()));
        }
        Doubles.of(admin())
                .get("/api/reports/events?from=" + year + "-03-10&to=" + year + "-03-01")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("to"));
        Doubles.of(admin())
                .get("/api/reports/delivery?from=x")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("from"));
        // 400 days is the longest period answered
        LocalDate from = LocalDate.of(year, 1, 1);
        report("from=" + from + "&to=" + from.plusDays(399)).body("items[0].filed", equalTo(13));
    }

    @Test
    void shouldAnswerTheSameFiguresAsCsvWithABomAndTheJsonNamesAsHeader() {
        for (String by : List.of("member", "community", "overall")) {
            List<Map<String, Object>> items =
                    report(march + "&by=" + by).extract().jsonPath().getList("items");
            var csv = Doubles.of(admin())
                    .accept("text/csv")
                    .get("/api/reports/opinions?" + march + "&by=" + by)
                    .then()
                    .statusCode(200)
                    .header("Content-Disposition", containsString(".csv"))
                    .extract()
                    .response();
            var records = CsvBack.parse(csv, List.of(ReportCsv.OPINION_HEADER));
            CsvBack.sameAsJson(records, items, List.of(ReportCsv.OPINION_HEADER));
            if (by.equals("member")) {
                assertEquals("杨小龙", records.get(0).get("name"));
                assertEquals("0.75", records.get(0).get("responseRate"));
            }
        }
        var weekly = Doubles.of(admin())
                .accept("text/csv")
                .get("/api/reports/weekly?" + march)
                .then()
                .statusCode(200)
                .extract()
                .response();
        CsvBack.sameAsJson(
                CsvBack.parse(weekly, List.of(ReportCsv.WEEK_HEADER)),
                Doubles.of(admin())
                        .get("/api/reports/weekly?" + march)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items"),
                List.of(ReportCsv.WEEK_HEADER));
    }

    @Test
    void shouldDefaultToTheCurrentMonthInTheZone() {
        LocalDate today = LocalDate.now(zone);
        report("")
                .body("from", equalTo(today.withDayOfMonth(1).toString()))
                .body("to", equalTo(today.withDayOfMonth(today.lengthOfMonth()).toString()))
                .body("by", equalTo("overall"));
    }
}
