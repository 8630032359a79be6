package io.tongxin.report;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.shared.EmbeddedModeTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The reports' SQL (epoch arithmetic, percentiles, null ordering) runs on the embedded H2 database too. */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
class ReportsOnH2Test {

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    @Test
    void shouldAnswerEveryReportOnH2() {
        String admin = "embedded-admin-token-0123456789ab";
        Instant t = LocalDateTime.of(1971, 3, 10, 10, 0).atZone(zone).toInstant();
        String period = "from=1971-03-01&to=1971-03-31";
        try (ReportRows rows = new ReportRows(dataSource)) {
            rows.sector("h2-s", "经济界");
            rows.member("h2-m", "杨小龙", "h2-s", null);
            rows.opinion(new ReportRows.Op(t)
                    .status("closed")
                    .to("h2-m")
                    .assigned(t, t.plus(Duration.ofHours(24)))
                    .acknowledged(t.plus(Duration.ofHours(2)), t.plus(Duration.ofDays(7)))
                    .resolved(t.plus(Duration.ofHours(10)))
                    .closed(t.plus(Duration.ofHours(11)), 5));
            rows.opinion(new ReportRows.Op(t).ackDue(t.plus(Duration.ofHours(2))));
            rows.channel("h2-ch", "桥接");
            // in the future: the embedded mode's outbox retention would purge a message sent in 1971
            Instant later = LocalDateTime.of(2971, 3, 10, 10, 0).atZone(zone).toInstant();
            rows.insert(
                    "insert into outbox_message (idempotency_key, channel_key, target_kind, target_id, format, body,"
                            + " origin_type, status, not_before, next_attempt_at, created_at, updated_at, sent_at)"
                            + " values ('h2-report', 'h2-ch', 'chat', 'room', 'text', '测试', 'test', 'sent', ?, ?, ?,"
                            + " ?, ?)",
                    "delete from outbox_message where idempotency_key = ?",
                    "h2-report",
                    later,
                    later,
                    later,
                    later,
                    later.plusSeconds(3));
            rows.insert(
                    "insert into event (code, kind, title, status, capacity, published_at, created_at, updated_at)"
                            + " values ('h2-ev', 'announcement', '停水通知', 'published', 0, ?, ?, ?)",
                    "delete from event where code = ?",
                    "h2-ev",
                    t,
                    t,
                    t);

            Doubles.of(Api.as(admin))
                    .get("/api/reports/opinions?" + period + "&by=member")
                    .then()
                    .statusCode(200)
                    .body("items.key", contains("h2-m", null))
                    .body("items[0].responseRate", closeTo(1.0, 1e-9))
                    .body("items[0].avgAckHours", closeTo(2.0, 1e-9))
                    .body("items[0].avgResolveHours", closeTo(10.0, 1e-9))
                    .body("items[1].overdue", equalTo(1));
            Doubles.of(Api.as(admin))
                    .get("/api/reports/weekly?" + period)
                    .then()
                    .statusCode(200)
                    .body("items.filed.sum()", equalTo(2))
                    .body("items.resolved.sum()", equalTo(1));
            Doubles.of(Api.as(admin))
                    .get("/api/reports/delivery?from=2971-03-01&to=2971-03-31")
                    .then()
                    .statusCode(200)
                    .body("items.key", contains("h2-ch"))
                    .body("items[0].medianDelaySeconds", closeTo(3.0, 1e-9))
                    .body("items[0].p95DelaySeconds", closeTo(3.0, 1e-9));
            Api.as(admin)
                    .get("/api/reports/events?" + period)
                    .then()
                    .statusCode(200)
                    .body("items.code", contains("h2-ev"));
            Api.as(admin)
                    .accept("text/csv")
                    .get("/api/reports/opinions?" + period + "&by=sector")
                    .then()
                    .statusCode(200)
                    .body(startsWith("\uFEFFkey,name,filed"));
        }
    }
}
