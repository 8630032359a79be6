package io.tongxin.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;

/** The delivery report's SQL: outbox messages created in the period, per channel, with delay percentiles. */
@ApplicationScoped
class DeliveryFigures {

    /** Seconds from when a message could first go (created, or its not-before if later) to sent. */
    static final String DELAY = "case when m.status = 'sent' and m.sent_at is not null then"
            + " extract(epoch from m.sent_at) - extract(epoch from"
            + " case when m.not_before > m.created_at then m.not_before else m.created_at end) end";

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    List<DeliveryReport.Item> items(ReportPeriod period) {
        return Sql.query(
                dataSource,
                "select m.channel_key, max(c.name), max(c.type), count(*),"
                        + " sum(case when m.status = 'sent' then 1 else 0 end),"
                        + " sum(case when m.status = 'dead' then 1 else 0 end),"
                        + " sum(case when m.status in ('pending', 'retrying') then 1 else 0 end),"
                        + " sum(case when m.failures >= 2 or (m.failures = 1 and m.status <> 'dead') then 1 else 0 end),"
                        + " percentile_cont(0.5) within group (order by " + DELAY + "),"
                        + " percentile_cont(0.95) within group (order by " + DELAY + ")"
                        + " from outbox_message m left join channel c on c.channel_key = m.channel_key"
                        + " where m.created_at >= ? and m.created_at < ?"
                        + " group by m.channel_key order by 1",
                List.of(period.start(zone), period.end(zone)),
                rs -> new DeliveryReport.Item(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Sql.count(rs, 4),
                        Sql.count(rs, 5),
                        Sql.count(rs, 6),
                        Sql.count(rs, 7),
                        Sql.count(rs, 8),
                        Sql.dbl(rs, 9),
                        Sql.dbl(rs, 10)));
    }
}
