package io.tongxin.report;

import static io.tongxin.support.Api.admin;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Report benchmarks (not part of the normal suite): 100,000 opinions filed over the year 2025 with
 * their histories, ratings and upward reports, 300,000 outbox messages with their attempts and 400
 * events with sessions, registrations and check-ins, generated with {@code generate_series} at every
 * run (the test profile cleans the database at start); then every report over HTTP (JSON; two warm-up
 * calls and five timed runs each, median) and in-process (the SQL and the mapping, without HTTP),
 * and the HTTP floor (a report over a day with nothing in it). Run with
 * {@code TONGXIN_TEST_DB=tongxin_bench_reports ./scripts/test.sh -Pbench -Dtest=ReportsBench}; results
 * go to stdout and to {@code target/bench/reports.txt}, with the query plans of the largest queries.
 */
@QuarkusTest
class ReportsBench {

    static final int OPINIONS = 100_000;
    static final int RUNS = 5;

    @Inject
    DataSource dataSource;

    @Inject
    OpinionFigures opinions;

    @Inject
    EventFigures events;

    @Inject
    DeliveryFigures delivery;

    @Test
    void benchmark() throws Exception {
        List<String> report = new ArrayList<>();
        long t0 = System.nanoTime();
        generate();
        report.add(String.format("data: generated in %.0f s (%s)", (System.nanoTime() - t0) / 1e9, counts()));
        report.add(time(
                "HTTP floor: opinions over a day with nothing filed",
                "/api/reports/opinions?from=2024-06-01&to=2024-06-01"));
        String year = "from=2025-01-01&to=2025-12-31";
        String month = "from=2025-06-01&to=2025-06-30";
        for (String by : List.of("overall", "member", "workstation", "community", "sector", "category")) {
            report.add(time("opinions by=" + by + ", a year", "/api/reports/opinions?" + year + "&by=" + by));
        }
        report.add(time("opinions by=member, a month", "/api/reports/opinions?" + month + "&by=member"));
        report.add(time("opinions by=member, a year, CSV", "/api/reports/opinions?" + year + "&by=member", true));
        report.add(time("weekly trend, a year", "/api/reports/weekly?" + year));
        report.add(time("events, a year", "/api/reports/events?" + year));
        report.add(time("events, a month", "/api/reports/events?" + month));
        report.add(time("delivery, a year", "/api/reports/delivery?" + year));
        report.add(time("delivery, a month", "/api/reports/delivery?" + month));
        ReportPeriod y = new ReportPeriod(java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 12, 31));
        ReportPeriod m = new ReportPeriod(java.time.LocalDate.of(2025, 6, 1), java.time.LocalDate.of(2025, 6, 30));
        java.time.Instant now = java.time.Instant.now();
        for (Grouping by : Grouping.values()) {
            report.add(inProcess(
                    "in-process opinions by=" + by.wire() + ", a year", () -> opinions.items(y, by, null, now)));
        }
        report.add(inProcess(
                "in-process opinions by=member, a month", () -> opinions.items(m, Grouping.MEMBER, null, now)));
        report.add(inProcess("in-process weekly, a year", () -> opinions.weekly(y, null)));
        report.add(inProcess("in-process events, a year", () -> events.items(y)));
        report.add(inProcess("in-process delivery, a year", () -> delivery.items(y)));
        report.add(inProcess("in-process delivery, a month", () -> delivery.items(m)));
        report.add("");
        String yearStart = "'2025-01-01T00:00+08'";
        String yearEnd = "'2026-01-01T00:00+08'";
        String nowLiteral = "'" + java.time.Instant.now() + "'";
        for (Grouping by : List.of(Grouping.MEMBER, Grouping.SECTOR)) {
            report.add("plan: opinions by=" + by.wire() + ", a year (the report's query)");
            report.addAll(explain(literals(OpinionFigures.sql(by, false), nowLiteral, nowLiteral, yearStart, yearEnd)));
        }
        report.add("plan: opinions, a month");
        report.addAll(
                explain(
                        "select count(*), sum(case when o.status in ('resolved', 'closed') then 1 else 0 end)"
                                + " from opinion o where o.created_at >= '2025-06-01T00:00+08' and o.created_at < '2025-07-01T00:00+08'"));
        report.add("plan: weekly, one week resolved");
        report.addAll(explain("select count(*) from opinion o where o.resolved_at >= '2025-06-02T00:00+08'"
                + " and o.resolved_at < '2025-06-09T00:00+08' and o.status in ('resolved', 'closed')"));
        report.add("plan: delivery, a year (the report's query)");
        report.addAll(explain(literals(DeliveryFigures.sql(true), yearStart, yearEnd)));
        report.add("plan: delivery, a year (the report's query as on H2: numeric extract)");
        report.addAll(explain(literals(DeliveryFigures.sql(false), yearStart, yearEnd)));
        // the shapes these replaced, measured in the same run for comparison (BENCHMARKS.md "Reports")
        report.add("plan: delivery, a year, the former query (percentile_cont sorts every delay)");
        report.addAll(explain("select d.channel_key, count(*), sum(case when d.status = 'sent' then 1 else 0 end),"
                + " sum(case when d.status = 'dead' then 1 else 0 end),"
                + " sum(case when d.status in ('pending', 'retrying') then 1 else 0 end),"
                + " sum(case when d.failures >= 2 or (d.failures = 1 and d.status <> 'dead') then 1 else 0 end),"
                + " percentile_cont(0.5) within group (order by d.delay),"
                + " percentile_cont(0.95) within group (order by d.delay) from (select m.channel_key, m.status,"
                + " m.failures, " + DeliveryFigures.DELAY + " as delay from outbox_message m where m.created_at >= "
                + yearStart + " and m.created_at < " + yearEnd + " offset 0) d group by d.channel_key"));
        report.add("plan: opinions by=sector, a year, the former shape (member and sector joined to each opinion)");
        report.addAll(explain("select m.sector_code, max(s.name), count(*), sum(case when o.status in ('resolved',"
                + " 'closed') then 1 else 0 end), avg(extract(epoch from o.resolved_at) - extract(epoch from"
                + " o.created_at)) from opinion o left join member m on m.code = o.assignee_code left join sector s"
                + " on s.code = m.sector_code where o.created_at >= " + yearStart + " and o.created_at < " + yearEnd
                + " group by m.sector_code"));
        report.add("plan: check-ins of one session");
        report.addAll(explain("select count(*) from event_attendance a where a.session_id ="
                + " (select min(id) from event_session)"));
        report.forEach(l -> System.out.println("BENCH " + l));
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/reports.txt"), report);
    }

    private static String inProcess(String what, java.util.function.Supplier<?> call) {
        double[] ms = new double[RUNS];
        for (int run = -2; run < RUNS; run++) {
            long t = System.nanoTime();
            call.get();
            if (run >= 0) {
                ms[run] = (System.nanoTime() - t) / 1e6;
            }
        }
        return summary(what, ms);
    }

    private String time(String what, String url) {
        return time(what, url, false);
    }

    private String time(String what, String url, boolean csv) {
        double[] ms = new double[RUNS];
        for (int run = -2; run < RUNS; run++) { // two warm-up calls
            long t = System.nanoTime();
            var spec = admin();
            if (csv) {
                spec = spec.accept("text/csv");
            }
            spec.get(url).then().statusCode(200);
            if (run >= 0) {
                ms[run] = (System.nanoTime() - t) / 1e6;
            }
        }
        return summary(what, ms);
    }

    private static String summary(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        StringBuilder runs = new StringBuilder();
        for (double v : ms) {
            runs.append(runs.isEmpty() ? "" : ", ").append(String.format("%.0f", v));
        }
        return String.format("%s: median %.0f ms (runs: %s)", what, sorted[RUNS / 2], runs);
    }

    /** Generates the data set (replacing a previous run's), then vacuums for the visibility map. */
    private void generate() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : GENERATE) {
                s.execute(sql);
            }
            s.execute("vacuum analyze");
        }
    }

    private String counts() throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "opinion",
                    "opinion_event",
                    "outbox_message",
                    "outbox_attempt",
                    "event",
                    "event_session",
                    "event_registration",
                    "event_attendance")) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    b.append(b.isEmpty() ? "" : ", ").append(table).append(" ").append(rs.getLong(1));
                }
            }
        }
        return b.toString();
    }

    /** {@code sql} with its {@code ?} parameters replaced by the SQL literals given, in order. */
    private static String literals(String sql, String... values) {
        String out = sql;
        for (String v : values) {
            out = out.replaceFirst("\\?", java.util.regex.Matcher.quoteReplacement(v));
        }
        return out;
    }

    private List<String> explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain (analyze, costs off) " + sql)) {
            while (rs.next()) {
                lines.add("  " + rs.getString(1));
            }
        }
        return lines;
    }

    /** The data set: a year of opinions (one every 315 s), three notices each, 400 events. */
    private static final List<String> GENERATE = List.of(
            "delete from outbox_message where channel_key like 'bench-ch-%'",
            "delete from event where code like 'bench-ev-%'",
            "delete from opinion_event where opinion_id in (select id from opinion where number like 'B%')",
            "delete from opinion where number like 'B%'",
            "delete from member where code like 'bm-%'",
            "delete from community where code like 'bc-%'",
            "delete from workstation where code like 'bw-%'",
            "delete from sector where code like 'bs-%'",
            "delete from channel where channel_key like 'bench-ch-%'",
            "insert into sector (code, name, created_at, updated_at)"
                    + " select 'bs-' || g, '界别' || g, now(), now() from generate_series(0, 9) g",
            "insert into workstation (code, name, created_at, updated_at)"
                    + " select 'bw-' || g, '工作站' || g, now(), now() from generate_series(0, 19) g",
            "insert into community (code, name, council_name, workstation_code, created_at, updated_at)"
                    + " select 'bc-' || g, '社区' || g, '议事会', 'bw-' || (g % 20), now(), now()"
                    + " from generate_series(0, 99) g",
            "insert into member (code, name, level, sector_code, workstation_code, created_at, updated_at)"
                    + " select 'bm-' || g, '委员' || g, 'county', 'bs-' || (g % 10), 'bw-' || (g % 20), now(), now()"
                    + " from generate_series(0, 199) g",
            "insert into channel (channel_key, type, name, dry_run, created_at, updated_at)"
                    + " select 'bench-ch-' || g, 'bridge', '渠道' || g, true, now(), now() from generate_series(0, 4) g",
            // status by g % 20: 0 received, 1 assigned, 2 acknowledged, 3 in_progress, 4-6 resolved,
            // 7 rejected, 8 merged, else closed
            "insert into opinion (number, status, text, title, category_code, category_name, urgency, complexity,"
                    + " community_code, workstation_code, assignee_code, assignee_name, assigned_at, ack_due_at,"
                    + " resolve_due_at, acknowledged_at, resolved_at, closed_at, satisfaction, upward, created_at,"
                    + " updated_at)"
                    + " select 'B' || lpad(g::text, 9, '0'), st, '小区路灯不亮，晚上出行不便', '小区路灯不亮',"
                    + " 'bk-' || (g % 12), '类别' || (g % 12), case when g % 10 = 0 then 'urgent' else 'normal' end,"
                    + " 'normal', 'bc-' || (g % 100), 'bw-' || (g % 100 % 20),"
                    + " case when st in ('received', 'merged') then null else 'bm-' || (g % 200) end,"
                    + " case when st in ('received', 'merged') then null else '委员' || (g % 200) end,"
                    + " case when st in ('received', 'merged') then null else t + interval '1 hour' end,"
                    + " t + interval '25 hours', t + interval '8 days',"
                    + " case when st in ('acknowledged', 'in_progress', 'resolved', 'closed')"
                    + " then t + (g % 40) * interval '1 hour' end,"
                    + " case when st in ('resolved', 'closed') then t + (40 + g % 300) * interval '1 hour' end,"
                    + " case when st = 'closed' then t + (70 + g % 300) * interval '1 hour' end,"
                    + " case when st = 'closed' and g % 3 <> 0 then 1 + g % 5 end,"
                    + " case when g % 100 = 9 then 'adopted' when g % 50 = 9 then 'reported' end, t, t"
                    + " from (select g, timestamptz '2025-01-01 00:00+08' + g * interval '315 seconds' t,"
                    + " case g % 20 when 0 then 'received' when 1 then 'assigned' when 2 then 'acknowledged'"
                    + " when 3 then 'in_progress' when 4 then 'resolved' when 5 then 'resolved' when 6 then 'resolved'"
                    + " when 7 then 'rejected' when 8 then 'merged' else 'closed' end st"
                    + " from generate_series(0, " + (OPINIONS - 1) + ") g) x",
            "insert into opinion_event (opinion_id, type, actor, at, note)"
                    + " select o.id, e.type, 'bench', o.created_at + e.n * interval '1 hour', null"
                    + " from opinion o cross join (values (0, 'created'), (1, 'routed'), (2, 'acknowledged'),"
                    + " (3, 'note'), (4, 'resolved')) e(n, type) where o.number like 'B%'",
            "insert into outbox_message (idempotency_key, channel_key, target_kind, target_id, format, body,"
                    + " origin_type, origin_id, status, not_before, next_attempt_at, attempts, failures, created_at,"
                    + " updated_at, sent_at)"
                    + " select 'bench:' || g, 'bench-ch-' || (g % 5), 'chat', 'room-' || (g % 300), 'text',"
                    + " '【同心】您反映的问题已受理', 'opinion', 'B' || (g / 3),"
                    + " case when g % 100 = 7 then 'dead' when g % 500 = 3 then 'retrying' else 'sent' end,"
                    + " t, timestamptz '2999-01-01 00:00+00', 1 + g % 3, g % 3, t, t,"
                    + " case when g % 100 = 7 or g % 500 = 3 then null else t + (g % 30) * interval '1 second' end"
                    + " from (select g, timestamptz '2025-01-01 00:00+08' + g * interval '105 seconds' t"
                    + " from generate_series(0, " + (3 * OPINIONS - 1) + ") g) x",
            "insert into outbox_attempt (message_id, attempt, part, sender, outcome, instance_id, at, duration_ms)"
                    + " select id, 1, 1, 'bridge', case when status = 'sent' then 'sent' else 'failed' end, 'bench',"
                    + " created_at, 40 from outbox_message where channel_key like 'bench-ch-%'",
            "insert into event (code, kind, title, status, capacity, published_at, created_at, updated_at)"
                    + " select 'bench-ev-' || g, case when g % 4 = 0 then 'meeting' when g % 4 = 3 then 'announcement'"
                    + " else 'class' end, '活动' || g, 'published', 60,"
                    + " timestamptz '2025-01-01 00:00+08' + g * interval '21 hours', now(), now()"
                    + " from generate_series(0, 399) g",
            "insert into event_session (event_id, number, code, starts_at, ends_at, status)"
                    + " select e.id, n, e.code || '-' || n, e.published_at + n * interval '2 days',"
                    + " e.published_at + n * interval '2 days' + interval '90 minutes', 'scheduled'"
                    + " from event e cross join generate_series(1, 3) n"
                    + " where e.code like 'bench-ev-%' and e.kind <> 'announcement'",
            "insert into event_quota (event_id, community_code, places) select e.id, 'bc-' || q, 10"
                    + " from event e cross join generate_series(0, 4) q where e.code like 'bench-ev-%' and e.kind = 'class'",
            "insert into event_delivery (event_id, group_code, channel_key, community_code)"
                    + " select e.id, 'bg-' || q, 'bench-ch-0', 'bc-' || q from event e cross join generate_series(0, 9) q"
                    + " where e.code like 'bench-ev-%'",
            "insert into event_confirmation (event_id, unit_kind, unit_code, confirmed_at)"
                    + " select e.id, 'community', 'bc-' || q, case when q % 3 = 0 then null else e.published_at end"
                    + " from event e cross join generate_series(0, 9) q where e.code like 'bench-ev-%'",
            "insert into event_invitee (event_id, member_code, rsvp) select e.id, 'bm-' || q,"
                    + " case q % 3 when 0 then 'attending' when 1 then 'leave' else 'pending' end"
                    + " from event e cross join generate_series(0, 19) q where e.code like 'bench-ev-%' and e.kind = 'meeting'",
            "insert into event_registration (event_id, code, participant_name, community_code, status, created_at)"
                    + " select e.id, 'R' || lpad(q::text, 7, '0'), '居民' || q, 'bc-' || (q % 5),"
                    + " case when q >= 45 then 'waitlisted' when q % 17 = 0 then 'cancelled' else 'registered' end,"
                    + " e.published_at from event e cross join generate_series(0, 49) q"
                    + " where e.code like 'bench-ev-%' and e.kind = 'class'",
            "insert into event_attendance (registration_id, session_id, checked_in_at)"
                    + " select r.id, s.id, s.starts_at from event_registration r join event e on e.id = r.event_id"
                    + " join event_session s on s.event_id = e.id where e.code like 'bench-ev-%'"
                    + " and r.status = 'registered' and (r.id + s.number) % 4 <> 0");
}
