package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpinionLifecycleTest {

    @Inject
    Fixture fixture;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String assignedOpinion(Fixture.World w, String member) {
        fixture.member(w, member, w.sector, w.workstation, Set.of(w.community), 5, null);
        String resident = Api.uniq("r");
        fixture.resident(w, resident, Api.uniq("u"), "李四", null);
        return Fixture.file(w.keyword + "坏了\n第二行细节", w.community, resident, null);
    }

    @Test
    void shouldWalkTheWholeLifecycleAsTheMemberThenRateAndClose() {
        var w = fixture.world();
        String m = Api.uniq("m");
        String number = assignedOpinion(w, m);
        assertTrue(number.matches("\\d{4}-\\d{6}"), number);
        String token = Api.mint("member", m);
        Api.as(token)
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200)
                .body("status", equalTo("acknowledged"))
                .body("acknowledgedAt", notNullValue())
                .body("title", equalTo(w.keyword + "坏了"));
        Api.as(token)
                .body(Map.of("note", "已联系物业"))
                .post("/api/opinions/" + number + "/note")
                .then()
                .statusCode(200)
                .body("status", equalTo("in_progress"));
        Api.as(token)
                .body(Map.of("note", "已更换灯泡"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolution", equalTo("已更换灯泡"));
        assertTrue(Outboxed.about(number).stream()
                .anyMatch(s -> s.target().equals(Outboxed.reporterTarget(number))
                        && s.text().contains("已更换灯泡")
                        && s.text().contains("1-5")));
        admin().body(Map.of("rating", 5))
                .post("/api/opinions/" + number + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("closed"))
                .body("satisfaction", equalTo(5))
                .body(
                        "history.type",
                        hasItems("created", "routed", "acknowledged", "note", "resolved", "rated", "closed"))
                .body("history.find { it.type == 'acknowledged' }.actor", equalTo("member:" + m));
        admin().body(Map.of("rating", 9))
                .post("/api/opinions/" + number + "/close")
                .then()
                .statusCode(400);
    }

    @Test
    void shouldRefuseIllegalTransitionsWithAClearConflict() {
        var w = fixture.world();
        String number = assignedOpinion(w, Api.uniq("m"));
        admin().body(Map.of("note", "done"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("cannot resolve opinion " + number
                                + ": it is assigned (allowed when acknowledged, in_progress)"));
        admin().body(Map.of()).post("/api/opinions/" + number + "/close").then().statusCode(409);
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/adopt")
                .then()
                .statusCode(409)
                .body("detail", containsString("reported upward"));
        admin().body(Map.of()).post("/api/opinions/" + number + "/fly").then().statusCode(404);
        admin().body(Map.of())
                .post("/api/opinions/1999-000000/acknowledge")
                .then()
                .statusCode(404);
        admin().get("/api/opinions/" + number).then().body("status", equalTo("assigned"));
    }

    @Test
    void shouldRejectWithAReasonAndTellTheReporter() {
        var w = fixture.world();
        String number = assignedOpinion(w, Api.uniq("m"));
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/reject")
                .then()
                .statusCode(400);
        admin().body(Map.of("reason", "不属于政协职责范围"))
                .post("/api/opinions/" + number + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("rejectReason", equalTo("不属于政协职责范围"));
        assertTrue(Outboxed.about(number).stream()
                .anyMatch(s -> s.target().equals(Outboxed.reporterTarget(number))
                        && s.text().contains("不属于政协职责范围")));
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(409);
    }

    @Test
    void shouldTransferAssignAndReportUpward() {
        var w = fixture.world();
        String m1 = Api.uniq("m1");
        String m2 = Api.uniq("m2");
        String number = assignedOpinion(w, m1);
        fixture.member(w, m2, w.otherSector, w.workstation, Set.of(), 5, null);
        String t1 = Api.mint("member", m1);
        Api.as(t1)
                .body(Map.of("memberCode", m2, "reason", "更熟悉情况"))
                .post("/api/opinions/" + number + "/transfer")
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(m2))
                .body("status", equalTo("assigned"))
                .body("routing.rule", equalTo("transfer"))
                .body("routing.reason", containsString("更熟悉情况"))
                .body("history.type", hasItem("transferred"));
        Api.as(t1)
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(403);
        admin().body(Map.of("memberCode", m1, "reason", "back"))
                .post("/api/opinions/" + number + "/assign")
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(m1))
                .body("routing.rule", equalTo("manual"));
        admin().body(Map.of("memberCode", "nobody"))
                .post("/api/opinions/" + number + "/assign")
                .then()
                .statusCode(400);
        admin().body(Map.of("title", "关于路灯维护的建议", "note", "summary"))
                .post("/api/opinions/" + number + "/report")
                .then()
                .statusCode(200)
                .body("upward", equalTo("reported"))
                .body("reportTitle", equalTo("关于路灯维护的建议"));
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/report")
                .then()
                .statusCode(409);
        admin().body(Map.of("note", "市政协采用"))
                .post("/api/opinions/" + number + "/adopt")
                .then()
                .statusCode(200)
                .body("upward", equalTo("adopted"))
                .body("history.type", hasItems("reported", "adopted"));
    }

    @Test
    void shouldMergeThreePostsIntoOneOpinionKeepingEverySource() {
        var w = fixture.world();
        String m = Api.uniq("m");
        String a = assignedOpinion(w, m);
        String b = Fixture.file("又是" + w.keyword, w.community, null, null);
        String c = Fixture.file(w.keyword + "第三次反映", w.community, null, null);
        admin().body(Map.of("targetNumber", a))
                .post("/api/opinions/" + b + "/merge")
                .then()
                .statusCode(200)
                .body("status", equalTo("merged"))
                .body("mergedInto", equalTo(a))
                .body("sources", hasSize(0));
        admin().body(Map.of("targetNumber", a))
                .post("/api/opinions/" + c + "/merge")
                .then()
                .statusCode(200);
        admin().get("/api/opinions/" + a)
                .then()
                .body("sources", hasSize(3))
                .body("sources.originNumber", hasItems(a, b, c))
                .body("history.findAll { it.type == 'merged' }", hasSize(2));
        admin().body(Map.of("targetNumber", a))
                .post("/api/opinions/" + c + "/merge")
                .then()
                .statusCode(409);
        admin().body(Map.of("targetNumber", a))
                .post("/api/opinions/" + a + "/merge")
                .then()
                .statusCode(409);
    }

    @Test
    void shouldReopenWithinSevenDaysOfResolutionButNotAfter() {
        var w = fixture.world();
        String m = Api.uniq("m");
        String number = assignedOpinion(w, m);
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "修好了"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
        clock.advance(Duration.ofDays(3));
        admin().body(Map.of("reason", "居民反映仍未修好"))
                .post("/api/opinions/" + number + "/reopen")
                .then()
                .statusCode(200)
                .body("status", equalTo("assigned"))
                .body("assignee.code", equalTo(m))
                .body("history.type", hasItem("reopened"));
        assertTrue(Outboxed.about(number).stream()
                .anyMatch(s -> s.target().equals(Outboxed.memberTarget(m))
                        && s.text().contains("重新打开")
                        && s.text().contains("居民反映仍未修好")));
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "这次真修好了"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
        clock.advance(Duration.ofDays(8));
        admin().body(Map.of("reason", "again"))
                .post("/api/opinions/" + number + "/reopen")
                .then()
                .statusCode(409)
                .body("detail", containsString("can no longer be reopened"));
    }

    @Test
    void shouldLetMembersSeeAndActOnlyOnTheirOwnAssignments() {
        var w = fixture.world();
        String mine = Api.uniq("m-mine");
        String theirs = Api.uniq("m-theirs");
        String n1 = assignedOpinion(w, mine);
        var w2 = fixture.world();
        String n2 = assignedOpinion(w2, theirs);
        String token = Api.mint("member", mine);
        Api.as(token)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].number", equalTo(n1));
        Api.as(token)
                .queryParam("memberCode", theirs)
                .get("/api/opinions")
                .then()
                .body("total", equalTo(1))
                .body("items[0].number", equalTo(n1));
        Api.as(token).get("/api/opinions/" + n2).then().statusCode(403);
        Api.as(token)
                .body(Map.of())
                .post("/api/opinions/" + n2 + "/acknowledge")
                .then()
                .statusCode(403);
        Api.as(token)
                .body(Map.of("reason", "x"))
                .post("/api/opinions/" + n1 + "/reject")
                .then()
                .statusCode(403);
        Api.as(token).body(Map.of("text", "x")).post("/api/opinions").then().statusCode(403);
        admin().get("/api/opinions/" + n2).then().body("status", equalTo("assigned"));
    }

    @Test
    void shouldValidateCreationAndFilters() {
        admin().body(Map.of("text", " ")).post("/api/opinions").then().statusCode(400);
        admin().body(Map.of("text", "路灯坏了", "urgency", "panic"))
                .post("/api/opinions")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("urgency"));
        admin().body(Map.of("text", "路灯坏了", "communityCode", "no-such"))
                .post("/api/opinions")
                .then()
                .statusCode(400);
        admin().body(Map.of("text", "路灯坏了", "residentCode", "no-such"))
                .post("/api/opinions")
                .then()
                .statusCode(400);
        admin().queryParam("status", "sleeping").get("/api/opinions").then().statusCode(400);
        admin().queryParam("from", "yesterday").get("/api/opinions").then().statusCode(400);
        String n = admin().body(Map.of("text", "家里漏水，楼下路灯也坏了"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("category", equalTo("市政设施"))
                .body("urgency", equalTo("urgent"))
                .body("classificationReason", containsString("漏水"))
                .extract()
                .path("number");
        admin().queryParam("category", "municipal")
                .queryParam("from", "2000-01-01")
                .queryParam("size", 500)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .body("items.number", hasItem(n));
    }
}
