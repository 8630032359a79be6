package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.Rows;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The members' open loads kept in their lock rows (issue 16, {@code MemberLoads}): after every action
 * that can change an opinion's open assignee — routing, acknowledge, note, resolve, close, reopen,
 * transfer (named and re-routed), assign, reject, merge — each member's {@code open_load} equals the
 * count of their open opinions; routing reads it (capacity is honoured and freed by a resolution);
 * and a state change that bypasses the ledger is refused at write time.
 */
@QuarkusTest
class MemberOpenLoadTest {

    @Inject
    Fixture fixture;

    @Inject
    DataSource ds;

    @Inject
    EntityManager em;

    @Test
    void shouldKeepEveryMembersOpenLoadEqualToTheirOpenOpinionsThroughEveryAction() throws Exception {
        var w = fixture.world();
        String m1 = Api.uniq("ml1");
        String m2 = Api.uniq("ml2");
        fixture.member(w, m1, w.sector, w.workstation, Set.of(w.community), 10, null);
        fixture.member(w, m2, w.sector, w.workstation, Set.of(w.community), 10, null);
        List<String> members = List.of(m1, m2);
        String a = Fixture.file(w.keyword + "一", w.community, null, null);
        String b = Fixture.file(w.keyword + "二", w.community, null, null);
        String c = Fixture.file(w.keyword + "三", w.community, null, null);
        String d = Fixture.file(w.keyword + "四", w.community, null, null);
        assertExact(members);
        assertEquals(4, load(m1) + load(m2), "four routed opinions, each counted once");
        assertTrue(Math.abs(load(m1) - load(m2)) <= 1, "least open load first: " + load(m1) + "/" + load(m2));

        act(a, "acknowledge", Map.of());
        act(a, "note", Map.of("note", "在处理"));
        assertExact(members);
        act(a, "resolve", Map.of("note", "已修好"));
        assertExact(members);
        act(a, "close", Map.of("rating", 4));
        assertExact(members);
        act(a, "reopen", Map.of("reason", "又坏了"));
        assertExact(members);

        String bFrom = assignee(b);
        String other = bFrom.equals(m1) ? m2 : m1;
        act(b, "transfer", Map.of("memberCode", other, "reason", "更熟悉"));
        assertEquals(other, assignee(b));
        assertExact(members);
        act(b, "transfer", Map.of("reason", "再转")); // re-routed, leaving out the member handing over
        assertEquals(bFrom, assignee(b));
        assertExact(members);
        act(b, "assign", Map.of("memberCode", other));
        assertExact(members);

        act(c, "reject", Map.of("reason", "不属于职责范围"));
        assertExact(members);
        act(d, "merge", Map.of("targetNumber", b));
        assertExact(members);
        assertEquals(2, load(m1) + load(m2), "a reopened, b open; c rejected, d merged");
    }

    @Test
    void shouldRouteByTheKeptLoadCapacityIncludedAndFreeItOnResolution() throws Exception {
        var w = fixture.world();
        String only = Api.uniq("mlc");
        fixture.member(w, only, w.sector, w.workstation, Set.of(w.community), 1, null);
        String first = Fixture.file(w.keyword + "一", w.community, null, null);
        assertEquals(only, assignee(first));
        String second = Fixture.file(w.keyword + "二", w.community, null, null);
        admin().get("/api/opinions/" + second).then().body("status", equalTo("received")); // at capacity: the queue
        assertEquals(1, load(only));
        act(first, "acknowledge", Map.of());
        act(first, "resolve", Map.of("note", "好了"));
        assertEquals(0, load(only));
        String third = Fixture.file(w.keyword + "三", w.community, null, null);
        assertEquals(only, assignee(third), "the resolution freed the member's capacity");
        assertExact(List.of(only));
    }

    @Test
    void shouldRefuseAStateChangeThatBypassesTheLedger() throws Exception {
        var w = fixture.world();
        String m = Api.uniq("mlg");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword + "绕过", w.community, null, null);
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    Opinion o = Opinion.findByNumber(number).orElseThrow();
                    o.status = OpinionStatus.RESOLVED; // not through OpinionService: the load would drift
                    em.flush();
                }));
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("without moving the members' open loads"), cause.getMessage());
        admin().get("/api/opinions/" + number).then().body("status", equalTo("assigned"));
        assertEquals(1, load(m));
    }

    private static void act(String number, String action, Map<String, Object> body) {
        admin().body(body).post("/api/opinions/" + number + "/" + action).then().statusCode(200);
    }

    private static String assignee(String number) {
        return admin().get("/api/opinions/" + number).then().extract().path("assignee.code");
    }

    private void assertExact(List<String> members) throws Exception {
        for (String m : members) {
            assertEquals(
                    number(
                            "select count(*) from opinion where assignee_code = ?"
                                    + " and status in ('assigned', 'acknowledged', 'in_progress')",
                            m),
                    load(m),
                    "member " + m + ": open_load = the count of their open opinions");
        }
    }

    private int load(String member) throws Exception {
        return number("select coalesce(max(open_load), 0) from opinion_member_lock where member_code = ?", member);
    }

    private int number(String sql, String param) throws Exception {
        return Rows.number(ds, sql, param);
    }
}
