package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.opinion.sla.SlaEngine;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What members are told about their assignments: places by their display names (never their
 * codes), and a transfer as a transfer (from whom, why) with a fresh acknowledge deadline.
 */
@QuarkusTest
class AssigneeNoticeTest {

    @Inject
    Fixture fixture;

    @Inject
    SlaEngine sla;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static JsonPath opinion(String number) {
        return admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<Outboxed.Sent> toMember(String number, String member) {
        return Outboxed.about(number).stream()
                .filter(s -> s.target().equals(Outboxed.memberTarget(member)))
                .toList();
    }

    @Test
    void shouldNameTheCommunityAndWorkstationInAssignmentAndEscalationNoticesNotTheirCodes() {
        var w = fixture.world();
        String head = Api.uniq("m-head");
        String m = Api.uniq("m");
        fixture.member(w, head, "马站长", w.otherSector, w.elsewhere, Set.of(), 5, null);
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        fixture.realNames(w, "静安门社区", "临夏路街道政协委员工作站", head);
        String number = Fixture.file(w.keyword + "不亮", w.community, null, null);
        assertEquals(m, opinion(number).getString("assignee.code"));
        // the API keeps documenting codes
        assertEquals(w.community, opinion(number).getString("communityCode"));

        String assigned = toMember(number, m).get(0).text();
        assertTrue(assigned.contains("静安门社区") && assigned.contains("临夏路街道政协委员工作站"), assigned);
        assertFalse(assigned.contains(w.community) || assigned.contains(w.workstation), assigned);

        clock.advance(Duration.ofHours(25)); // past the 24 h acknowledge deadline: to the head
        sla.runSla();
        var escalated = toMember(number, head);
        assertEquals(1, escalated.size(), Outboxed.about(number).toString());
        String text = escalated.get(0).text();
        assertTrue(text.contains("超时") && text.contains("静安门社区"), text);
        assertFalse(text.contains(w.community) || text.contains(w.workstation), text);
    }

    @Test
    void shouldTellTheNewMemberFromWhomAndWhyAndStartAFreshAcknowledgeWindow() {
        var w = fixture.world();
        String first = Api.uniq("m");
        fixture.member(w, first, "李红", w.sector, w.workstation, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword + "坏了", w.community, null, null);
        JsonPath filed = opinion(number);
        assertEquals(first, filed.getString("assignee.code"));
        Instant resolveDue = Instant.parse(filed.getString("resolveDueAt"));
        String second = Api.uniq("m");
        fixture.member(w, second, "王建国", w.sector, w.workstation, Set.of(w.community), 5, null);

        clock.advance(Duration.ofHours(20)); // 4 h left of the first member's 24 h
        Instant transferredAt = clock.instant();
        Api.as(Api.mint("member", first))
                .body(Map.of("reason", "属教育界别，请相关委员办理"))
                .post("/api/opinions/" + number + "/transfer")
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(second))
                .body("status", equalTo("assigned"));

        JsonPath now = opinion(number);
        Instant ackDue = Instant.parse(now.getString("ackDueAt"));
        assertTrue(
                !ackDue.isBefore(transferredAt.plus(Duration.ofHours(24)))
                        && ackDue.isBefore(transferredAt.plus(Duration.ofHours(25))),
                "a fresh 24 h acknowledge window from the transfer: " + ackDue + " (transferred at " + transferredAt
                        + ")");
        assertEquals(resolveDue, Instant.parse(now.getString("resolveDueAt")), "the resolve deadline is kept");

        var notices = toMember(number, second);
        assertEquals(1, notices.size(), Outboxed.about(number).toString());
        String text = notices.get(0).text();
        assertTrue(text.contains("转交") && text.contains("李委员") && text.contains("属教育界别，请相关委员办理"), text);
        assertTrue(text.contains("【转交】李委员转交给您办理") && text.contains("收到 " + number), text);
        assertFalse(text.contains("Transferred"), "one language, the channel's (zh-CN): " + text);
        assertFalse(text.contains("李红"), "the previous member is named as 李委员: " + text);

        clock.advance(Duration.ofHours(5)); // the first member's deadline has passed, the new one has not
        sla.runSla();
        assertEquals(
                List.of(),
                opinion(number).getList("history.findAll { it.type == 'escalated' }.note"),
                "not overdue on arrival");
        clock.advance(Duration.ofHours(8)); // 13 h after the transfer: past half of the new window
        sla.runSla();
        List<String> reminded = opinion(number).getList("history.findAll { it.type == 'reminded' }.note");
        assertEquals(1, reminded.size(), reminded.toString());
        assertTrue(reminded.get(0).contains(second), reminded.toString());
    }

    @Test
    void shouldNeverLeaveTheResolveDeadlineBeforeTheNewMembersAcknowledgeDeadline() {
        var w = fixture.world();
        String first = Api.uniq("m");
        fixture.member(w, first, "李红", w.sector, w.workstation, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword + "坏了", w.community, null, null);
        String firstToken = Api.mint("member", first);
        Api.as(firstToken)
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        String second = Api.uniq("m");
        fixture.member(w, second, "王建国", w.sector, w.workstation, Set.of(w.community), 5, null);

        clock.advance(Duration.ofDays(6).plusHours(20)); // 4 h left to resolve
        Instant transferredAt = clock.instant();
        Api.as(firstToken)
                .body(Map.of("reason", "需要教育界别委员协调"))
                .post("/api/opinions/" + number + "/transfer")
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(second));
        JsonPath now = opinion(number);
        Instant ackDue = Instant.parse(now.getString("ackDueAt"));
        Instant resolveDue = Instant.parse(now.getString("resolveDueAt"));
        assertTrue(!ackDue.isBefore(transferredAt.plus(Duration.ofHours(24))), ackDue.toString());
        assertEquals(ackDue, resolveDue, "a late transfer moves the resolve deadline to the new acknowledge deadline");
        assertFalse(now.getBoolean("overdue"));

        Api.as(Api.mint("member", second))
                .body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        clock.advance(Duration.ofHours(5)); // past the old resolve deadline
        sla.runSla();
        assertEquals(List.of(), opinion(number).getList("history.findAll { it.type == 'escalated' }.note"));
    }
}
