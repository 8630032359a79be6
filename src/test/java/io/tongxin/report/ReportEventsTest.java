package io.tongxin.report;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event report on known rows in March of a year no other test uses: a meeting (invitations,
 * answers, confirmations), a class (quotas, registrations, check-ins, certificates), an announcement,
 * and events just outside the period or still drafts, which are left out.
 */
@QuarkusTest
class ReportEventsTest {

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    ReportRows rows;
    int year;
    String march;
    String meeting = uniq("rev-m");
    String klass = uniq("rev-c");
    String notice = uniq("rev-a");
    String lastMinute = uniq("rev-l");
    String com1 = uniq("rec1");
    String com2 = uniq("rec2");
    String com3 = uniq("rec3");
    String ws = uniq("rew");
    long[] sessions = new long[3];

    @BeforeEach
    void knownRows() {
        year = ThreadLocalRandom.current().nextInt(1950, 2000);
        march = "from=" + year + "-03-01&to=" + year + "-03-31";
        rows = new ReportRows(dataSource);
        rows.workstation(ws, "东关工作站");
        rows.community(com1, "静安门社区", ws);
        rows.community(com2, "西路社区", ws);

        long m = event(meeting, "meeting", "published", "政协委员协商会", 0, at(2, 20, 9, 0));
        session(m, 1, at(3, 15, 9, 0), "scheduled");
        for (String[] invitee :
                new String[][] {{"a", "attending"}, {"b", "attending"}, {"c", "leave"}, {"d", "pending"}}) {
            rows.exec(
                    "insert into event_invitee (event_id, member_code, rsvp) values (?, ?, ?)",
                    m,
                    meeting + "-" + invitee[0],
                    invitee[1]);
        }
        for (int g = 0; g < 3; g++) {
            rows.exec(
                    "insert into event_delivery (event_id, group_code, channel_key) values (?, ?, 'ch')",
                    m,
                    meeting + "-g" + g);
        }
        Instant confirmed = at(2, 21, 9, 0);
        confirmation(m, "workstation", ws, confirmed);
        confirmation(m, "workstation", ws + "-2", null);
        confirmation(m, "community", com1, confirmed);
        confirmation(m, "community", com2, confirmed);
        confirmation(m, "community", com3, null);

        long c = event(klass, "class", "published", "街舞体验课", 10, at(2, 25, 9, 0));
        sessions[0] = session(c, 1, at(3, 5, 19, 0), "scheduled");
        sessions[1] = session(c, 2, at(3, 12, 19, 0), "cancelled");
        sessions[2] = session(c, 3, at(4, 2, 19, 0), "scheduled");
        rows.exec("insert into event_quota (event_id, community_code, places) values (?, ?, 3)", c, com1);
        rows.exec("insert into event_quota (event_id, community_code, places) values (?, ?, 2)", c, com2);
        rows.exec("insert into event_quota (event_id, community_code, places) values (?, ?, 4)", c, com3);
        long r1 = registration(c, "R1", com1, "registered");
        long r2 = registration(c, "R2", com1, "registered");
        long r3 = registration(c, "R3", com1, "registered");
        registration(c, "R4W", com1, "waitlisted");
        long r4 = registration(c, "R5", com2, "registered");
        registration(c, "R6X", com2, "cancelled");
        long r5 = registration(c, "R7", null, "registered");
        // session 1: r1 r2 r3 r4; session 2 (cancelled): r1; session 3: r1 r2 r5
        for (long r : new long[] {r1, r2, r3, r4}) {
            attend(r, sessions[0]);
        }
        attend(r1, sessions[1]);
        for (long r : new long[] {r1, r2, r5}) {
            attend(r, sessions[2]);
        }

        long a = event(notice, "announcement", "published", "停水通知", 0, at(3, 20, 8, 0));
        rows.exec(
                "insert into event_delivery (event_id, group_code, channel_key) values (?, ?, 'ch')", a, notice + "-g");
        rows.exec(
                "insert into event_delivery (event_id, group_code, channel_key) values (?, ?, 'ch')",
                a,
                notice + "-g2");

        long l = event(lastMinute, "meeting", "finished", "月末座谈", 0, at(3, 1, 8, 0));
        session(l, 1, at(3, 31, 23, 59), "scheduled");
        // outside: a session at 00:00 on 1 April, a draft in March, an announcement published in April
        session(event(uniq("rev-x"), "meeting", "published", "四月会", 0, at(3, 1, 8, 0)), 1, at(4, 1, 0, 0), "scheduled");
        session(event(uniq("rev-d"), "class", "draft", "草稿", 0, null), 1, at(3, 10, 9, 0), "scheduled");
        event(uniq("rev-n"), "announcement", "published", "四月通知", 0, at(4, 1, 0, 0));
    }

    @AfterEach
    void removeRows() {
        rows.close();
    }

    private Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toInstant();
    }

    private long event(String code, String kind, String status, String title, int capacity, Instant published) {
        Instant now = Instant.now();
        rows.insert(
                "insert into event (code, kind, title, status, capacity, published_at, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                "delete from event where code = ?",
                code,
                code,
                kind,
                title,
                status,
                capacity,
                published,
                now,
                now);
        return rows.id("select id from event where code = ?", code);
    }

    private long session(long event, int number, Instant starts, String status) {
        String code = uniq("s");
        rows.exec(
                "insert into event_session (event_id, number, code, starts_at, ends_at, status) values (?, ?, ?, ?, ?, ?)",
                event,
                number,
                code,
                starts,
                starts.plusSeconds(5400),
                status);
        return rows.id("select id from event_session where code = ?", code);
    }

    private void confirmation(long event, String kind, String unit, Instant confirmedAt) {
        rows.exec(
                "insert into event_confirmation (event_id, unit_kind, unit_code, confirmed_at) values (?, ?, ?, ?)",
                event,
                kind,
                unit,
                confirmedAt);
    }

    private long registration(long event, String code, String community, String status) {
        rows.exec(
                "insert into event_registration (event_id, code, participant_name, community_code, status, created_at)"
                        + " values (?, ?, '王小明', ?, ?, ?)",
                event,
                code,
                community,
                status,
                Instant.now());
        return rows.id("select id from event_registration where event_id = ? and code = ?", event, code);
    }

    private void attend(long registration, long session) {
        rows.exec(
                "insert into event_attendance (registration_id, session_id, checked_in_at) values (?, ?, ?)",
                registration,
                session,
                Instant.now());
    }

    @Test
    void shouldAnswerEachEventOfThePeriodWithItsFigures() {
        Doubles.of(admin())
                .get("/api/reports/events?" + march)
                .then()
                .statusCode(200)
                .body("from", equalTo(year + "-03-01"))
                // by first session (or publication): class 5 March, meeting 15 March, notice 20 March, 31 March 23:59
                .body("items.code", contains(klass, meeting, notice, lastMinute))
                .body("items.kind", contains("class", "meeting", "announcement", "meeting"))
                .body("items.invitationsSent", contains(0, 3, 2, 0))
                .body("items[1].membersInvited", equalTo(4))
                .body("items[1].membersAttending", equalTo(2))
                .body("items[1].membersOnLeave", equalTo(1))
                .body("items[1].membersPending", equalTo(1))
                .body("items[1].workstationsConfirmed", equalTo(1))
                .body("items[1].workstationsNotConfirmed", equalTo(1))
                .body("items[1].councilsConfirmed", equalTo(2))
                .body("items[1].councilsNotConfirmed", equalTo(1))
                .body("items[1].certificates", nullValue())
                .body("items[1].startsAt", equalTo(at(3, 15, 9, 0).toString()))
                .body("items[0].capacity", equalTo(10))
                .body("items[0].registered", equalTo(5))
                .body("items[0].waitlisted", equalTo(1))
                .body("items[0].cancelled", equalTo(1))
                // communities by code, the one without a community last; a quota with nobody registered too
                .body("items[0].communities.code", contains(com1, com2, com3, null))
                .body("items[0].communities.name", contains("静安门社区", "西路社区", null, null))
                .body("items[0].communities.quota", contains(3, 2, 4, null))
                .body("items[0].communities.registered", contains(3, 1, 0, 1))
                .body("items[0].communities.waitlisted", contains(1, 0, 0, 0))
                .body("items[0].sessions.number", contains(1, 2, 3))
                .body("items[0].sessions.status", contains("scheduled", "cancelled", "scheduled"))
                .body("items[0].sessions.attended", contains(4, 1, 3))
                // 2 scheduled sessions x 0.8 -> 2 needed: r1 and r2 (the cancelled session does not count)
                .body("items[0].certificates", equalTo(2))
                .body("items[2].sessions.size()", equalTo(0))
                .body("items[2].startsAt", equalTo(at(3, 20, 8, 0).toString()));
    }

    @Test
    void shouldAnswerTheSameAsCsv() {
        List<Map<String, Object>> items = Doubles.of(admin())
                .get("/api/reports/events?" + march)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        var records = CsvBack.parse(
                Doubles.of(admin())
                        .accept("text/csv")
                        .get("/api/reports/events?" + march)
                        .then()
                        .statusCode(200)
                        .extract()
                        .response(),
                List.of(ReportCsv.EVENT_HEADER));
        List<String> scalars = List.of(ReportCsv.EVENT_HEADER).stream()
                .filter(f -> !f.equals("communities") && !f.equals("sessions"))
                .toList();
        CsvBack.sameAsJson(records, items, scalars);
        org.junit.jupiter.api.Assertions.assertEquals(
                com1 + " 静安门社区 3/3 (+1); " + com2 + " 西路社区 1/2; " + com3 + " 0/4; - 1/-",
                records.get(0).get("communities"));
        org.junit.jupiter.api.Assertions.assertEquals(
                "1: 4; 2: 1; 3: 3", records.get(0).get("sessions"));
        org.junit.jupiter.api.Assertions.assertEquals("政协委员协商会", records.get(1).get("title"));
    }
}
