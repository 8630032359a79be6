package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.opinion.sla.SlaEngine;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpinionSlaTest {

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

    private List<String> types(String number, String type) {
        return admin().get("/api/opinions/" + number)
                .then()
                .extract()
                .jsonPath()
                .getList("history.findAll { it.type == '" + type + "' }.note");
    }

    private void runTwiceConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> jobs = List.of(sla::runSla, sla::runSla);
            for (var f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        sla.runSla();
    }

    @Test
    void shouldRemindAtHalfAndNinetyPercentThenEscalateToHeadThenOrganizersOnce() throws Exception {
        var w = fixture.world();
        String m = Api.uniq("m");
        String head = Api.uniq("m-head");
        fixture.member(w, m, w.sector, w.workstation, Set.of(), 5, null);
        fixture.member(w, head, w.otherSector, w.elsewhere, Set.of(), 5, null);
        fixture.head(w.workstation, head);
        String stationChat = Api.uniq("station-chat");
        fixture.group(w, stationChat, null, w.workstation); // the workstation's group: where organizer notices go
        String number = Fixture.file(w.keyword + "，很急", w.community, null, null); // urgent: 2 h to acknowledge
        admin().get("/api/opinions/" + number).then().body("urgency", equalTo("urgent"));

        sla.runSla();
        assertEquals(0, types(number, "reminded").size());
        clock.advance(Duration.ofMinutes(61)); // past 50% of 2 h
        runTwiceConcurrently();
        assertEquals(1, types(number, "reminded").size());
        clock.advance(Duration.ofMinutes(48)); // 109 min: past 90%
        runTwiceConcurrently();
        assertEquals(2, types(number, "reminded").size());
        assertEquals(
                2,
                Outboxed.about(number).stream()
                        .filter(s -> s.target().equals(Outboxed.memberTarget(m))
                                && s.text().contains("收到 " + number)
                                && !s.text().contains("【社情民意"))
                        .count());
        clock.advance(Duration.ofMinutes(12)); // past the 2 h deadline
        runTwiceConcurrently();
        List<String> escalations = types(number, "escalated");
        assertEquals(1, escalations.size());
        assertTrue(escalations.get(0).contains("workstation head " + head), escalations.get(0));
        assertEquals(
                1,
                Outboxed.about(number).stream()
                        .filter(s -> s.target().equals(Outboxed.memberTarget(head)))
                        .count());
        admin().queryParam("overdue", true)
                .queryParam("communityCode", w.community)
                .get("/api/opinions")
                .then()
                .body("total", equalTo(1))
                .body("items[0].overdue", equalTo(true));
        clock.advance(Duration.ofMinutes(121)); // a further window: 督办
        runTwiceConcurrently();
        escalations = types(number, "escalated");
        assertEquals(2, escalations.size());
        assertTrue(escalations.get(1).contains("organizers"));
        assertEquals(
                1,
                Outboxed.about(number).stream()
                        .filter(s -> s.target().equals("chat:" + stationChat)
                                && s.text().contains("督办"))
                        .count());
        clock.advance(Duration.ofDays(1));
        runTwiceConcurrently();
        assertEquals(2, types(number, "escalated").size());
        assertEquals(2, types(number, "reminded").size());
    }

    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Test
    void shouldLeaveTheSlaJobOffInTestsWhichDriveItThemselves() {
        org.junit.jupiter.api.Assertions.assertNull(scheduler.getScheduledJob("opinion-sla"));
    }

    @Test
    void shouldSkipStaleRemindersWhenTheDeadlineAlreadyPassed() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(), 5, null);
        String number = Fixture.file(w.keyword, w.community, null, null); // normal: 24 h
        clock.advance(Duration.ofHours(25));
        sla.runSla();
        assertEquals(0, types(number, "reminded").size());
        // no head known: the breach goes straight to the organizers
        assertEquals(1, types(number, "escalated").size());
        assertTrue(types(number, "escalated").get(0).contains("no workstation head"));
        // and no group is bound to the workstation: nobody could be addressed, which the history says
        assertTrue(
                types(number, "unaddressed").get(0).contains("no group is bound to workstation " + w.workstation),
                types(number, "unaddressed").toString());
        assertEquals(
                0,
                Outboxed.about(number).stream()
                        .filter(s -> s.text().contains("超时"))
                        .count());
    }

    @Test
    void shouldCloseAutomaticallySevenDaysAfterResolution() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(), 5, null);
        String number = Fixture.file(w.keyword, w.community, null, null);
        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "ok"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
        clock.advance(Duration.ofDays(6));
        sla.runSla();
        admin().get("/api/opinions/" + number).then().body("status", equalTo("resolved"));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        sla.runSla();
        admin().get("/api/opinions/" + number)
                .then()
                .body("status", equalTo("closed"))
                .body("satisfaction", equalTo(null));
        assertEquals(1, types(number, "closed").size());
    }
}
