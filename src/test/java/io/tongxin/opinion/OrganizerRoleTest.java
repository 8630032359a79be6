package io.tongxin.opinion;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The organizer role with a real organizer token (admin skips role checks, so these are the only
 * tests of {@code @Allowed(ORGANIZER)} on opinions and the dictionary): an organizer files, lists,
 * reads and performs every action, including those a member may not; a member may not touch the
 * dictionary.
 */
@QuarkusTest
class OrganizerRoleTest {

    @Inject
    Fixture fixture;

    @Test
    void shouldLetAnOrganizerFileListReadAndActOnAnyOpinion() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String label = Api.uniq("office");
        String organizer = Api.admin()
                .body(Map.of("role", "organizer", "label", label))
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");

        String number = Api.as(organizer)
                .body(Map.of("text", w.keyword + "坏了", "communityCode", w.community, "urgency", "urgent"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("status", equalTo("assigned"))
                .body("assignee.code", equalTo(m))
                .body("urgency", equalTo("urgent"))
                .body("complexity", equalTo("normal"))
                .extract()
                .path("number");
        Api.as(organizer)
                .get("/api/opinions?communityCode=" + w.community)
                .then()
                .statusCode(200)
                .body("items.number", hasItem(number));
        Api.as(organizer)
                .get("/api/opinions?memberCode=" + m + "&status=assigned")
                .then()
                .statusCode(200)
                .body("items.number", hasItem(number));
        Api.as(organizer)
                .get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("history[0].actor", equalTo(label));

        // actions a member may not take: report upward, adopt, reject, merge
        Api.as(organizer)
                .body(Map.of("title", "路灯问题汇总"))
                .post("/api/opinions/" + number + "/report")
                .then()
                .statusCode(200)
                .body("upward", equalTo("reported"))
                .body("reportTitle", equalTo("路灯问题汇总"));
        Api.as(organizer)
                .body(Map.of())
                .post("/api/opinions/" + number + "/adopt")
                .then()
                .statusCode(200)
                .body("upward", equalTo("adopted"));
        String duplicate = Api.as(organizer)
                .body(Map.of("text", w.keyword + "又坏了", "communityCode", w.community))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .extract()
                .path("number");
        Api.as(organizer)
                .body(Map.of("targetNumber", number))
                .post("/api/opinions/" + duplicate + "/merge")
                .then()
                .statusCode(200)
                .body("status", equalTo("merged"))
                .body("mergedInto", equalTo(number));
        Api.as(organizer)
                .body(Map.of("reason", "不属于受理范围"))
                .post("/api/opinions/" + number + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"));
        // and the ones a member takes on their own assignments, on anyone's
        String other = Fixture.file(w.keyword + "不亮", w.community, null, null);
        Api.as(organizer)
                .body(Map.of())
                .post("/api/opinions/" + other + "/acknowledge")
                .then()
                .statusCode(200)
                .body("status", equalTo("acknowledged"));
        Api.as(organizer)
                .body(Map.of("note", "已修好"))
                .post("/api/opinions/" + other + "/resolve")
                .then()
                .statusCode(200)
                .body("status", equalTo("resolved"));
    }

    @Test
    void shouldAnswerAnOrganizerWithTheSameProblemsAsBefore() {
        var w = fixture.world();
        String organizer = Api.mint("organizer", null);
        String number = Fixture.file(w.keyword + "坏了", null, null, null);
        Api.as(organizer)
                .body(Map.of())
                .post("/api/opinions/" + number + "/fly")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("action 'fly' does not exist"));
        Api.as(organizer)
                .body(Map.of())
                .post("/api/opinions/2099-999999/acknowledge")
                .then()
                .statusCode(404)
                .body("detail", equalTo("opinion '2099-999999' does not exist"));
        Api.as(organizer)
                .body(Map.of())
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(400)
                .body("title", equalTo("Constraint Violation"))
                .body("violations[0].field", equalTo("note"));
        Api.as(organizer)
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(409)
                .body("title", equalTo("Conflict"))
                .body(
                        "detail",
                        equalTo("cannot acknowledge opinion " + number + ": it is received (allowed when assigned)"));
        Api.as(organizer)
                .get("/api/opinions?status=lost")
                .then()
                .statusCode(400)
                .body("detail", equalTo("status: unknown status 'lost'"))
                .body("violations[0].field", equalTo("status"));
        Api.as(organizer)
                .get("/api/opinions?from=yesterday")
                .then()
                .statusCode(400)
                .body("detail", equalTo("from: must be an ISO instant or date"));
    }

    @Test
    void shouldLetAnOrganizerReadAndReplaceTheDictionaryButNotAMember() {
        var w = fixture.world(); // this world's category, so the dictionary is one other tests expect
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String organizer = Api.mint("organizer", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = Api.as(organizer)
                .get("/api/dictionary")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        dict.remove("version");
        Api.as(organizer).body(dict).put("/api/dictionary").then().statusCode(200);

        String member = Api.mint("member", m);
        Api.as(member).get("/api/dictionary").then().statusCode(403).contentType("application/problem+json");
        Api.as(member).body(dict).put("/api/dictionary").then().statusCode(403);
    }

    @Test
    void shouldNotLetAMemberTakeOrganizerActions() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword + "坏了", w.community, null, null);
        String member = Api.mint("member", m);
        for (String action : new String[] {"reject", "merge", "reopen", "close", "report", "adopt", "assign"}) {
            Api.as(member)
                    .body(Map.of("reason", "x", "targetNumber", number, "memberCode", m))
                    .post("/api/opinions/" + number + "/" + action)
                    .then()
                    .statusCode(403)
                    .body("detail", equalTo("members may only acknowledge, note, resolve or transfer"));
        }
        Api.as(member)
                .get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("history.type", not(hasItem("rejected")));
    }
}
