package io.tongxin.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The delivery report's SQL: outbox messages created in the period, per channel. One hash aggregate
 * per channel, status, failures and delay bucket ({@link DelayHistogram}), a few dozen groups: the
 * counts are sums over the groups, the delay percentiles are read from the histogram, so no delay is
 * sorted (docs/reports.md states the precision).
 */
@ApplicationScoped
class DeliveryFigures {

    /**
     * Seconds from when a message could first go (created, or its not-before if later) to sent, as a
     * double (null unless sent), in portable SQL (H2 in embedded mode): exact, but {@code extract}
     * computes numerics.
     */
    static final String DELAY = "cast(case when m.status = 'sent' and m.sent_at is not null then"
            + " extract(epoch from m.sent_at) - extract(epoch from"
            + " case when m.not_before > m.created_at then m.not_before else m.created_at end) end"
            + " as double precision)";

    /**
     * The same on PostgreSQL with {@code date_part}, which computes doubles: a third cheaper per
     * message (BENCHMARKS.md "Reports"); within a microsecond of {@link #DELAY} for dates of this era.
     */
    static final String DELAY_POSTGRES = "case when m.status = 'sent' and m.sent_at is not null then"
            + " date_part('epoch', m.sent_at) - date_part('epoch', greatest(m.not_before, m.created_at)) end";

    /**
     * Messages per channel, status, failures (0, 1, or 2 for two or more) and delay bucket (null: not
     * sent), with the bucket's smallest and largest delay; the channel's name and type; ordered by
     * channel, then bucket. Parameters: the period's start and end.
     */
    static String sql(boolean postgres) {
        return "select a.channel_key, c.name, c.type, a.status, a.failures, a.bucket, a.messages, a.shortest,"
                + " a.longest from (select b.channel_key, b.status, b.failures, b.bucket, count(*) as messages,"
                + " min(b.delay) as shortest, max(b.delay) as longest from (select d.channel_key, d.status,"
                + " d.failures, d.delay, " + DelayHistogram.bucketOf("d.delay") + " as bucket"
                // offset 0 keeps each subquery one: every message's delay is computed once
                + " from (select m.channel_key, m.status, least(m.failures, 2) as failures, "
                + (postgres ? DELAY_POSTGRES : DELAY) + " as delay"
                + " from outbox_message m where m.created_at >= ? and m.created_at < ? offset 0) d offset 0) b"
                + " group by b.channel_key, b.status, b.failures, b.bucket) a"
                + " left join channel c on c.channel_key = a.channel_key order by a.channel_key, a.bucket nulls first";
    }

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    /** The query for this database (read once). */
    private volatile String sql;

    /** One channel's figures being summed over its groups. */
    private static final class Channel {
        final String key;
        final String name;
        final String type;
        long total;
        long sent;
        long dead;
        long pending;
        long retried;
        final DelayHistogram delays = new DelayHistogram();

        Channel(String key, String name, String type) {
            this.key = key;
            this.name = name;
            this.type = type;
        }

        /** A row's messages: docs/reports.md defines each count. */
        void add(Row r) {
            total += r.messages();
            switch (r.status()) {
                case "sent" -> sent += r.messages();
                case "dead" -> dead += r.messages();
                case "pending", "retrying" -> pending += r.messages();
                default -> {}
            }
            if (r.failures() >= 2 || (r.failures() == 1 && !r.status().equals("dead"))) {
                retried += r.messages();
            }
            if (r.bucket() != null) {
                delays.add(new DelayHistogram.Bucket(r.bucket(), r.messages(), r.shortest(), r.longest()));
            }
        }

        DeliveryReport.Item item() {
            return new DeliveryReport.Item(
                    key,
                    name,
                    type,
                    total,
                    sent,
                    dead,
                    pending,
                    retried,
                    delays.percentile(0.5),
                    delays.percentile(0.95));
        }
    }

    /** A row of {@link #sql}. */
    private record Row(
            String key,
            String name,
            String type,
            String status,
            int failures,
            Integer bucket,
            long messages,
            Double shortest,
            Double longest) {}

    List<DeliveryReport.Item> items(ReportPeriod period) {
        List<Row> rows = Sql.query(
                dataSource,
                sql(),
                List.of(period.start(zone), period.end(zone)),
                rs -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getObject(6, Integer.class),
                        Sql.count(rs, 7),
                        Sql.dbl(rs, 8),
                        Sql.dbl(rs, 9)));
        List<DeliveryReport.Item> items = new ArrayList<>();
        Channel channel = null;
        for (Row r : rows) {
            if (channel == null || !channel.key.equals(r.key())) {
                if (channel != null) {
                    items.add(channel.item());
                }
                channel = new Channel(r.key(), r.name(), r.type());
            }
            channel.add(r);
        }
        if (channel != null) {
            items.add(channel.item());
        }
        return items;
    }

    private String sql() {
        String q = sql;
        if (q == null) {
            q = sql(Sql.isPostgres(dataSource));
            sql = q;
        }
        return q;
    }
}
