package io.tongxin.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The delivery report's SQL: outbox messages created in the period, per channel. One aggregate per
 * channel and delay bucket ({@link DelayHistogram}) over the covering index
 * {@code ix_outbox_message_created}: the counts are sums over the buckets, the delay percentiles are
 * read from the histogram, so no delay is sorted (docs/reports.md states the precision).
 */
@ApplicationScoped
class DeliveryFigures {

    /**
     * Seconds from when a message could first go (created, or its not-before if later) to sent, as a
     * double (null unless sent).
     */
    static final String DELAY = "cast(case when m.status = 'sent' and m.sent_at is not null then"
            + " extract(epoch from m.sent_at) - extract(epoch from"
            + " case when m.not_before > m.created_at then m.not_before else m.created_at end) end"
            + " as double precision)";

    /**
     * Per channel and delay bucket (null: not sent): name, type, total, sent, dead, pending, retried,
     * and the smallest and largest delay of the bucket; ordered by channel, then bucket.
     */
    static final String SQL = "select a.channel_key, c.name, c.type, a.bucket, a.total, a.sent, a.dead, a.pending,"
            + " a.retried, a.shortest, a.longest from (select b.channel_key, b.bucket, count(*) as total,"
            + " sum(case when b.status = 'sent' then 1 else 0 end) as sent,"
            + " sum(case when b.status = 'dead' then 1 else 0 end) as dead,"
            + " sum(case when b.status in ('pending', 'retrying') then 1 else 0 end) as pending,"
            + " sum(case when b.failures >= 2 or (b.failures = 1 and b.status <> 'dead') then 1 else 0 end)"
            + " as retried, min(b.delay) as shortest, max(b.delay) as longest"
            + " from (select d.channel_key, d.status, d.failures, d.delay, " + DelayHistogram.bucketOf("d.delay")
            + " as bucket"
            // offset 0 keeps each subquery one: every message's delay is computed once
            + " from (select m.channel_key, m.status, m.failures, " + DELAY + " as delay"
            + " from outbox_message m where m.created_at >= ? and m.created_at < ? offset 0) d offset 0) b"
            + " group by b.channel_key, b.bucket) a left join channel c on c.channel_key = a.channel_key"
            + " order by a.channel_key, a.bucket nulls first";

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    /** One channel's figures being summed over its buckets. */
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

    /** A row of {@link #SQL}. */
    private record Row(
            String key,
            String name,
            String type,
            Integer bucket,
            long total,
            long sent,
            long dead,
            long pending,
            long retried,
            Double shortest,
            Double longest) {}

    List<DeliveryReport.Item> items(ReportPeriod period) {
        List<Row> rows = Sql.query(
                dataSource,
                SQL,
                List.of(period.start(zone), period.end(zone)),
                rs -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, Integer.class),
                        Sql.count(rs, 5),
                        Sql.count(rs, 6),
                        Sql.count(rs, 7),
                        Sql.count(rs, 8),
                        Sql.count(rs, 9),
                        Sql.dbl(rs, 10),
                        Sql.dbl(rs, 11)));
        List<DeliveryReport.Item> items = new ArrayList<>();
        Channel channel = null;
        for (Row r : rows) {
            if (channel == null || !channel.key.equals(r.key())) {
                if (channel != null) {
                    items.add(channel.item());
                }
                channel = new Channel(r.key(), r.name(), r.type());
            }
            channel.total += r.total();
            channel.sent += r.sent();
            channel.dead += r.dead();
            channel.pending += r.pending();
            channel.retried += r.retried();
            if (r.bucket() != null) {
                channel.delays.add(new DelayHistogram.Bucket(r.bucket(), r.total(), r.shortest(), r.longest()));
            }
        }
        if (channel != null) {
            items.add(channel.item());
        }
        return items;
    }
}
