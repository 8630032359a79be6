package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpinionRoutingTest {

    @Inject
    Fixture fixture;

    @Test
    void shouldRouteToTheReportersPairingMemberFirstAndTellBothWithoutPersonalDetails() {
        var w = fixture.world();
        String paired = Api.uniq("m");
        String other = Api.uniq("m");
        fixture.member(w, paired, w.otherSector, null, Set.of(), 5, null);
        fixture.member(w, other, w.sector, w.workstation, Set.of(w.community), 5, null);
        String resident = Api.uniq("r");
        fixture.resident(w, resident, "wx-user-9", "张三丰", "13812345678");
        fixture.pair(resident, paired);
        String number = Fixture.file("路口" + w.keyword + "不亮", w.community, resident, null);
        admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("status", equalTo("assigned"))
                .body("assignee.code", equalTo(paired))
                .body("routing.rule", equalTo("pairing"))
                .body("routing.reason", containsString("paired"))
                .body("routing.candidates[0].memberCode", equalTo(paired))
                .body("routing.candidates[0].kept", equalTo(true))
                .body("reporter.phone", equalTo("138****5678"))
                .body("workstationCode", equalTo(w.workstation))
                .body("category", equalTo(w.categoryName))
                .body("history.type", hasItems("created", "routed"));
        var sent = Outboxed.about(number);
        var toReporter = sent.stream()
                .filter(s -> s.target().equals("user:wx-user-9"))
                .findFirst()
                .orElseThrow();
        assertEquals(w.channel, toReporter.channelKey());
        org.junit.jupiter.api.Assertions.assertTrue(
                toReporter.text().contains("已转交王委员跟进，编号 " + number), toReporter.text());
        org.junit.jupiter.api.Assertions.assertFalse(toReporter.text().contains("王" + paired));
        org.junit.jupiter.api.Assertions.assertFalse(toReporter.text().contains("1381234"));
        org.junit.jupiter.api.Assertions.assertFalse(toReporter.text().contains("张三丰"));
        var toMember = sent.stream()
                .filter(s -> s.target().equals(Outboxed.memberTarget(paired)))
                .findFirst()
                .orElseThrow();
        assertEquals(w.channel, toMember.channelKey());
        org.junit.jupiter.api.Assertions.assertTrue(toMember.text().contains("收到 " + number), toMember.text());
        org.junit.jupiter.api.Assertions.assertTrue(toMember.text().contains(w.community));
    }

    @Test
    void shouldPreferAreaMembersWhoseSectorFitsTheCategory() {
        var w = fixture.world();
        String areaOnly = Api.uniq("m-a");
        String areaAndSector = Api.uniq("m-b");
        fixture.member(w, areaOnly, w.otherSector, w.workstation, Set.of(w.community), 5, null);
        fixture.member(w, areaAndSector, w.sector, null, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword + "问题", w.community, null, null);
        admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(areaAndSector))
                .body("routing.rule", equalTo("area-sector"))
                .body("routing.reason", containsString(w.categoryName));
    }

    @Test
    void shouldFallBackToAreaMembersThenSectorMembersSkippingLeaveAndCapacity() {
        var w = fixture.world();
        String onLeave = Api.uniq("m-leave");
        String full = Api.uniq("m-full");
        String area = Api.uniq("m-area");
        fixture.member(
                w,
                onLeave,
                w.sector,
                w.workstation,
                Set.of(),
                5,
                LocalDate.now().plusDays(3));
        fixture.member(w, full, w.sector, w.workstation, Set.of(), 0, null);
        fixture.member(w, area, w.otherSector, w.workstation, Set.of(), 5, null);
        String number = Fixture.file(w.keyword, w.community, null, null);
        var body = admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("assignee.code", equalTo(area))
                .body("routing.rule", equalTo("area"))
                .extract()
                .jsonPath();
        assertEquals("area-sector", body.getString("routing.candidates.find { it.memberCode == '" + full + "' }.rule"));
        org.junit.jupiter.api.Assertions.assertTrue(
                body.getString("routing.candidates.find { it.memberCode == '" + onLeave + "' }.reason")
                        .contains("on leave"));
        org.junit.jupiter.api.Assertions.assertTrue(
                body.getString("routing.candidates.find { it.memberCode == '" + full + "' }.reason")
                        .contains("at capacity (0/0 open)"));

        // no area member at all: the sector decides
        var w2 = fixture.world();
        String sectorMember = Api.uniq("m-sec");
        fixture.member(w2, sectorMember, w2.sector, w2.elsewhere, Set.of(), 5, null);
        String n2 = Fixture.file(w2.keyword, w2.community, null, null);
        admin().get("/api/opinions/" + n2)
                .then()
                .body("assignee.code", equalTo(sectorMember))
                .body("routing.rule", equalTo("sector"));
    }

    @Test
    void shouldFallBackToTheWorkstationHeadThenToTheOrganizerQueue() {
        var w = fixture.world();
        String head = Api.uniq("m-head");
        fixture.member(w, head, w.otherSector, w.elsewhere, Set.of(), 5, null);
        fixture.head(w.workstation, head);
        String number = Fixture.file("没有关键词的事情", w.community, null, null);
        admin().get("/api/opinions/" + number)
                .then()
                .body("assignee.code", equalTo(head))
                .body("routing.rule", equalTo("workstation-head"));

        var w2 = fixture.world();
        String n2 = Fixture.file("没有关键词的事情", w2.community, null, null);
        admin().get("/api/opinions/" + n2)
                .then()
                .body("status", equalTo("received"))
                .body("assignee", nullValue())
                .body("routing.rule", equalTo("organizer-queue"));
        admin().queryParam("status", "received")
                .queryParam("communityCode", w2.community)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].number", equalTo(n2));
    }

    @Test
    void shouldPreferTheLeastLoadedThenTheLeastRecentlyAssigned() {
        var w = fixture.world();
        String a = Api.uniq("m-a");
        String b = Api.uniq("m-b");
        fixture.member(w, a, w.sector, w.workstation, Set.of(), 5, null);
        fixture.member(w, b, w.sector, w.workstation, Set.of(), 5, null);
        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String n = Fixture.file(w.keyword + i, w.community, null, null);
            assignees.add(admin().get("/api/opinions/" + n).then().extract().path("assignee.code"));
        }
        // equal loads alternate: code order first, then the least recently assigned
        assertEquals(
                List.of(
                        a.compareTo(b) < 0 ? a : b,
                        a.compareTo(b) < 0 ? b : a,
                        a.compareTo(b) < 0 ? a : b,
                        a.compareTo(b) < 0 ? b : a),
                assignees);
    }

    @Test
    void shouldNeverExceedCapacityWhenTwoRouteAtOnce() throws Exception {
        var w = fixture.world();
        String only = Api.uniq("m-one");
        fixture.member(w, only, w.sector, w.workstation, Set.of(), 1, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                List<Callable<String>> jobs = List.of(
                        () -> Fixture.file(w.keyword, w.community, null, null),
                        () -> Fixture.file(w.keyword, w.community, null, null));
                List<String> numbers = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(jobs)) {
                    numbers.add(f.get());
                }
                long toOnly = numbers.stream()
                        .filter(n -> only.equals(admin().get("/api/opinions/" + n)
                                .then()
                                .extract()
                                .path("assignee.code")))
                        .count();
                assertEquals(round == 0 ? 1 : 0, toOnly, "round " + round + ": " + numbers);
            }
        } finally {
            pool.shutdownNow();
        }
        admin().queryParam("memberCode", only).get("/api/opinions").then().body("total", equalTo(1));
    }

    /**
     * Only the chosen member's lock row is locked: while another routing holds the first choice's
     * row, a routing passes over it to the next best member at once instead of waiting for it.
     */
    @Test
    void shouldPassOverAMemberAnotherRoutingIsAssigningWithoutWaiting() throws Exception {
        var w = fixture.world();
        String a = Api.uniq("m-a");
        String b = Api.uniq("m-b");
        fixture.member(w, a, w.sector, w.workstation, Set.of(), 5, null);
        fixture.member(w, b, w.sector, w.workstation, Set.of(), 5, null);
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = holdLockRow(first)) {
            // filed while `first` is held: it must not wait for it
            String n = pool.submit(() -> Fixture.file(w.keyword + "忙", w.community, null, null))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            admin().get("/api/opinions/" + n)
                    .then()
                    .statusCode(200)
                    .body("assignee.code", equalTo(second))
                    .body("routing.rule", equalTo("area-sector"));
            other.rollback();
        } finally {
            pool.shutdownNow();
        }
        // with nobody holding it, the first choice is chosen again (it has the lower load now)
        String n = Fixture.file(w.keyword + "闲", w.community, null, null);
        admin().get("/api/opinions/" + n).then().body("assignee.code", equalTo(first));
    }

    /**
     * When every available member of the deciding level is being assigned by another routing, the
     * routing waits for them (it does not pass the opinion on to a lower rule) and then decides under
     * their locks: here the only area member, held by another transaction, still gets it.
     */
    @Test
    void shouldWaitRatherThanFallThroughWhenEveryAvailableMemberIsBusy() throws Exception {
        var w = fixture.world();
        String only = Api.uniq("m-area");
        String sectorOnly = Api.uniq("m-sector");
        fixture.member(w, only, w.sector, w.workstation, Set.of(), 2, null);
        fixture.member(w, sectorOnly, w.sector, null, Set.of(), 5, null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = holdLockRow(only)) {
            Future<String> filed = pool.submit(() -> Fixture.file(w.keyword + "等", w.community, null, null));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!routingWaits()) {
                if (filed.isDone() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the routing did not wait for the busy member: " + filed.get());
                }
                Thread.sleep(20);
            }
            other.commit();
            String n = filed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            admin().get("/api/opinions/" + n)
                    .then()
                    .body("assignee.code", equalTo(only))
                    .body("routing.rule", equalTo("area-sector"));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A routing that waits waits for one busy member only, not for every candidate: it does not hold
     * one member's row while waiting for the next (other routings would then find every member busy
     * and queue up behind it). With both area members held, it gets the one it waits for as soon as
     * that one is free, while the other is still held.
     */
    @Test
    void shouldWaitForOneBusyMemberOnlyNotForEveryCandidate() throws Exception {
        var w = fixture.world();
        String a = Api.uniq("m-wa");
        String b = Api.uniq("m-wb");
        fixture.member(w, a, w.sector, w.workstation, Set.of(), 5, null);
        fixture.member(w, b, w.sector, w.workstation, Set.of(), 5, null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holdsA = holdLockRow(a);
                Connection holdsB = holdLockRow(b)) {
            Future<String> filed = pool.submit(() -> Fixture.file(w.keyword + "候", w.community, null, null));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!routingWaits()) {
                if (filed.isDone() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the routing did not wait for the busy members: " + filed.get());
                }
                Thread.sleep(20);
            }
            // free the member it waits for; the other stays held
            boolean waitsForA = blockerOfTheRouting() == backendPid(holdsA);
            (waitsForA ? holdsA : holdsB).commit();
            String n = filed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            admin().get("/api/opinions/" + n)
                    .then()
                    .body("assignee.code", equalTo(waitsForA ? a : b))
                    .body("routing.rule", equalTo("area-sector"));
            (waitsForA ? holdsB : holdsA).rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The member waited for has no room once its lock is granted (capacity lowered meanwhile) and the
     * next level's member is busy too: the routing lets the first member's lock go (it does not hold it
     * while waiting for the others) and waits for all candidates in code order.
     */
    @Test
    void shouldLetTheWaitedForMemberGoWhenItHasNoRoomAfterAll() throws Exception {
        var w = fixture.world();
        String stem = Api.uniq("m-full");
        String area = stem + "-b";
        String sector = stem + "-a"; // sorts first: locked first when all are locked in code order
        fixture.member(w, area, w.sector, w.workstation, Set.of(), 2, null);
        fixture.member(w, sector, w.sector, null, Set.of(), 5, null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holdsArea = holdLockRow(area);
                Connection holdsSector = holdLockRow(sector)) {
            Future<String> filed = pool.submit(() -> Fixture.file(w.keyword + "满", w.community, null, null));
            awaitRoutingBlockedBy(backendPid(holdsArea), filed);
            try (PreparedStatement ps = holdsArea.prepareStatement("update member set capacity = 0 where code = ?")) {
                ps.setString(1, area);
                ps.executeUpdate();
            }
            holdsArea.commit();
            awaitRoutingBlockedBy(backendPid(holdsSector), filed);
            try (Connection probe = ds.getConnection();
                    PreparedStatement ps = probe.prepareStatement(
                            "select 1 from opinion_member_lock where member_code = ? for update nowait")) {
                probe.setAutoCommit(false);
                ps.setString(1, area);
                ps.executeQuery().close(); // free again (NOWAIT would fail): the routing let it go
                probe.rollback();
            }
            holdsSector.commit();
            String n = filed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            admin().get("/api/opinions/" + n).then().body("assignee.code", equalTo(sector));
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitRoutingBlockedBy(int pid, Future<String> filed) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!routingWaits() || blockerOfTheRouting() != pid) {
            if (filed.isDone() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the routing is not waiting for session " + pid + ": "
                        + (filed.isDone() ? filed.get() : "timeout"));
            }
            Thread.sleep(20);
        }
    }

    private static int backendPid(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The session that the routing waiting for a member's lock row waits for, or 0 when it is not waiting at this
     * instant (it may just have been let go by one holder and not yet queued behind the next).
     */
    private int blockerOfTheRouting() throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select (pg_blocking_pids(pid))[1] from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and query like '%opinion_member_lock%for update%'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Inject
    javax.sql.DataSource ds;

    /** Another transaction holding the member's lock row (as a routing does until it commits). */
    private Connection holdLockRow(String member) throws Exception {
        Connection c = ds.getConnection();
        try (PreparedStatement ps =
                c.prepareStatement("insert into opinion_member_lock (member_code) values (?) on conflict do nothing")) {
            ps.setString(1, member);
            ps.executeUpdate();
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps =
                c.prepareStatement("select member_code from opinion_member_lock where member_code = ? for update")) {
            ps.setString(1, member);
            ps.executeQuery().close();
        }
        return c;
    }

    /** Whether some session waits for a row lock on opinion_member_lock. */
    private boolean routingWaits() throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and query like '%opinion_member_lock%for update%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
