package io.tongxin.report;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.opinion.Fixture;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The report reads the columns the opinion lifecycle writes: an opinion filed, routed, acknowledged,
 * resolved, rated, reported upward and adopted through the real API counts in every figure, and a
 * second one, still unacknowledged, only as filed, assigned and backlog.
 */
@QuarkusTest
class ReportLifecycleTest {

    @Inject
    Fixture fixture;

    @Inject
    ZoneId zone;

    @Test
    void shouldCountAnOpinionTakenThroughTheApi() {
        var w = fixture.world();
        String member = Api.uniq("m");
        fixture.member(w, member, w.sector, w.workstation, Set.of(w.community), 5, null);
        String resident = Api.uniq("r");
        fixture.resident(w, resident, Api.uniq("u"), "李四", null);
        String number = Fixture.file(w.keyword + "路灯坏了", w.community, resident, null);
        Fixture.file(w.keyword + "井盖松动", w.community, resident, null);
        String token = Api.mint("member", member);
        Doubles.of(Api.as(token))
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        Doubles.of(Api.as(token))
                .body(Map.of("note", "已更换灯泡"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
        admin().body(Map.of("rating", 4))
                .post("/api/opinions/" + number + "/close")
                .then()
                .statusCode(200);
        admin().body(Map.of("title", "路灯维护"))
                .post("/api/opinions/" + number + "/report")
                .then()
                .statusCode(200);
        admin().body(Map.of()).post("/api/opinions/" + number + "/adopt").then().statusCode(200);

        String today = LocalDate.now(zone).toString();
        Doubles.of(admin())
                .get("/api/reports/opinions?from=" + today + "&to=" + today + "&by=category")
                .then()
                .statusCode(200)
                .body("items.findAll { it.key == '" + w.category + "' }", hasSize(1))
                .body("items.find { it.key == '" + w.category + "' }.name", equalTo(w.categoryName))
                .body("items.find { it.key == '" + w.category + "' }.filed", equalTo(2))
                .body("items.find { it.key == '" + w.category + "' }.assigned", equalTo(2))
                .body("items.find { it.key == '" + w.category + "' }.acknowledgedInTime", equalTo(1))
                .body("items.find { it.key == '" + w.category + "' }.resolved", equalTo(1))
                .body("items.find { it.key == '" + w.category + "' }.rated", equalTo(1))
                .body("items.find { it.key == '" + w.category + "' }.satisfied", equalTo(1))
                .body("items.find { it.key == '" + w.category + "' }.responseRate", closeTo(0.5, 1e-9))
                .body("items.find { it.key == '" + w.category + "' }.resolutionRate", closeTo(0.5, 1e-9))
                .body("items.find { it.key == '" + w.category + "' }.satisfactionRate", closeTo(1.0, 1e-9))
                .body("items.find { it.key == '" + w.category + "' }.backlog", equalTo(1))
                .body("items.find { it.key == '" + w.category + "' }.overdue", equalTo(0))
                .body("items.find { it.key == '" + w.category + "' }.reportedUpward", equalTo(1))
                .body("items.find { it.key == '" + w.category + "' }.adopted", equalTo(1));
        Doubles.of(Api.as(token))
                .get("/api/reports/opinions?from=" + today + "&to=" + today + "&by=member")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].key", equalTo(member))
                .body("items[0].filed", equalTo(2))
                .body("items[0].resolved", equalTo(1));
    }
}
