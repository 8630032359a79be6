package io.tongxin.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One channel's delivery delays as a histogram with fixed log-scale buckets, and the continuous
 * percentiles read from it (docs/reports.md "Delivery" states the precision). Bucket {@code b} of
 * the delays of 1 ms or more holds those in {@code [1.01^b, 1.01^(b+1))} seconds, each bucket 1 % wide; delays under 1 ms in magnitude share the {@link #NEAR_ZERO} bucket, and negative delays (two
 * instances' clocks differ) mirror the positive ones below it. The database sends, per bucket, the
 * count and the smallest and largest delay in it, so no delay is sorted: a 300,000-message year is a
 * hash aggregate into a few hundred groups instead of a sort of every delay.
 *
 * <p>A percentile is computed as PostgreSQL's {@code percentile_cont} does (the values at ranks
 * {@code floor} and {@code ceil} of {@code q * (n - 1)}, interpolated), with each of the two values
 * read from its bucket: exactly (the bucket's minimum or maximum) when it is the smallest or largest
 * in its bucket, else the bucket's geometric middle, kept within the bucket's minimum and maximum.
 * Every value so read is within 0.5 % of the true one (within 1 ms for delays under 1 ms).
 */
final class DelayHistogram {

    /** Bucket growth: each bucket's upper bound is 1 % above its lower bound. */
    static final double BASE = 1.01;

    /** Buckets per e-fold: {@code floor(ln(delay) * PER_LN)} is a positive delay's bucket. */
    static final double PER_LN = 1 / Math.log(BASE);

    /** Delays of magnitude below this (seconds) share one bucket. */
    static final double NEAR_ZERO_SECONDS = 0.001;

    /** The bucket of delays in (-1 ms, 1 ms). */
    static final int NEAR_ZERO = -500_000;

    /** Negative delays: bucket {@code NEGATIVE - floor(ln(-delay) * PER_LN)} (larger magnitude, lower key). */
    static final int NEGATIVE = -1_000_000;

    /**
     * The SQL bucket of the double column or expression {@code delay} (null stays null); ordering the
     * keys orders the buckets by delay.
     */
    static String bucketOf(String delay) {
        String perLn = "cast(" + PER_LN + " as double precision)";
        return "case when " + delay + " is null then null"
                + " when " + delay + " >= " + NEAR_ZERO_SECONDS + " then cast(floor(ln(" + delay + ") * " + perLn
                + ") as integer)"
                + " when " + delay + " <= -" + NEAR_ZERO_SECONDS + " then " + NEGATIVE + " - cast(floor(ln(-"
                + delay + ") * " + perLn + ") as integer)"
                + " else " + NEAR_ZERO + " end";
    }

    /** One bucket as the database counted it. */
    record Bucket(int key, long count, double min, double max) {}

    private final List<Bucket> buckets = new ArrayList<>();
    private long total;

    /** Adds the next bucket, or more of the last one; buckets come in ascending key order. */
    void add(Bucket b) {
        Bucket last = buckets.isEmpty() ? null : buckets.get(buckets.size() - 1);
        if (last != null && last.key() == b.key()) {
            buckets.set(
                    buckets.size() - 1,
                    new Bucket(
                            b.key(),
                            last.count() + b.count(),
                            Math.min(last.min(), b.min()),
                            Math.max(last.max(), b.max())));
        } else if (last != null && last.key() > b.key()) {
            throw new IllegalArgumentException("buckets out of order: " + b.key());
        } else {
            buckets.add(b);
        }
        total += b.count();
    }

    /** The number of delays. */
    long count() {
        return total;
    }

    /** The continuous percentile {@code q} (0..1) as {@code percentile_cont(q)}; null without delays. */
    Double percentile(double q) {
        if (total == 0) {
            return null;
        }
        double position = q * (total - 1);
        long first = (long) Math.floor(position);
        long second = (long) Math.ceil(position);
        double low = valueAt(first);
        if (second == first) {
            return low;
        }
        double high = valueAt(second);
        return low + (position - first) * (high - low);
    }

    /** The delay at 0-based rank {@code rank} of the sorted delays, read from its bucket. */
    private double valueAt(long rank) {
        long before = 0;
        for (Bucket b : buckets) {
            if (rank < before + b.count()) {
                long within = rank - before;
                if (within == 0) {
                    return b.min();
                }
                if (within == b.count() - 1) {
                    return b.max();
                }
                return Math.min(b.max(), Math.max(b.min(), middle(b.key())));
            }
            before += b.count();
        }
        throw new IllegalArgumentException("rank " + rank + " of " + total);
    }

    /** The geometric middle of a bucket (0 for the near-zero one). */
    static double middle(int key) {
        if (key == NEAR_ZERO) {
            return 0;
        }
        if (key < NEAR_ZERO) {
            return -Math.exp((NEGATIVE - key + 0.5) / PER_LN);
        }
        return Math.exp((key + 0.5) / PER_LN);
    }
}
