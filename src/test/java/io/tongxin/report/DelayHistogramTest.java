package io.tongxin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The delay percentiles read from the histogram against the exact ones (sorted here, as
 * {@code percentile_cont} defines them), on random delays: the precision docs/reports.md states.
 */
class DelayHistogramTest {

    @Test
    void shouldStayWithinHalfAPercentOfTheExactPercentileForDelaysOfAMillisecondOrMore() {
        Random random = new Random(15);
        for (int run = 0; run < 300; run++) {
            int n = 1 + random.nextInt(run < 100 ? 20 : 3000);
            double[] delays = new double[n];
            for (int i = 0; i < n; i++) {
                // log-uniform from 1 ms to a day, and clusters where one bucket holds many delays
                delays[i] = random.nextBoolean()
                        ? Math.exp(Math.log(0.001) + random.nextDouble() * Math.log(86_400_000))
                        : 2 + random.nextDouble() * 0.05;
            }
            for (double q : new double[] {0.5, 0.95, 0, 1, 0.01}) {
                double exact = exact(delays, q);
                double got = histogram(delays).percentile(q);
                assertTrue(
                        Math.abs(got - exact) <= 0.005 * exact + 1e-12, q + " of " + n + ": " + got + " vs " + exact);
            }
        }
    }

    @Test
    void shouldStayWithinAMillisecondNearZeroAndForNegativeDelays() {
        Random random = new Random(16);
        for (int run = 0; run < 300; run++) {
            int n = 1 + random.nextInt(500);
            double[] delays = new double[n];
            for (int i = 0; i < n; i++) {
                delays[i] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> (random.nextDouble() - 0.5) * 0.002; // under 1 ms either way
                    case 2 -> -random.nextDouble() * 0.05; // clocks of two instances differ
                    default -> random.nextDouble() * 3;
                };
            }
            for (double q : new double[] {0.5, 0.95, 0.05}) {
                double[] sorted = delays.clone();
                Arrays.sort(sorted);
                double position = q * (n - 1);
                double larger = Math.max(
                        Math.abs(sorted[(int) Math.floor(position)]), Math.abs(sorted[(int) Math.ceil(position)]));
                double exact = exact(delays, q);
                double got = histogram(delays).percentile(q);
                assertTrue(
                        Math.abs(got - exact) <= Math.max(0.005 * larger, 0.001) + 1e-12,
                        q + " of " + n + ": " + got + " vs " + exact);
            }
        }
    }

    @Test
    void shouldBeExactWhenEachRankIsTheEdgeOfItsBucket() {
        // 2, 4, 6, 10 s: every bucket holds one delay (the REST test's known rows)
        DelayHistogram h = histogram(new double[] {2, 4, 6, 10});
        assertEquals(5.0, h.percentile(0.5), 1e-12);
        assertEquals(9.4, h.percentile(0.95), 1e-12);
        assertEquals(7.0, histogram(new double[] {7, 7, 7, 7, 7}).percentile(0.95), 0);
        assertNull(new DelayHistogram().percentile(0.5));
    }

    @Test
    void shouldMergeRowsOfOneBucketThatDifferOnlyInStatusOrFailures() {
        int key = (int) Math.floor(Math.log(1.0) * DelayHistogram.PER_LN);
        DelayHistogram h = new DelayHistogram();
        h.add(new DelayHistogram.Bucket(key, 2, 1.000, 1.005)); // sent at the first try
        h.add(new DelayHistogram.Bucket(key, 1, 1.002, 1.008)); // sent after a failure
        assertEquals(3, h.count());
        assertEquals(1.000, h.percentile(0), 0);
        assertEquals(1.008, h.percentile(1), 0);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> h.add(new DelayHistogram.Bucket(key - 1, 1, 0.99, 0.99)));
    }

    /** percentile_cont over the delays. */
    private static double exact(double[] delays, double q) {
        double[] sorted = delays.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int first = (int) Math.floor(position);
        int second = (int) Math.ceil(position);
        return sorted[first] + (position - first) * (sorted[second] - sorted[first]);
    }

    /** What the SQL of {@link DelayHistogram#bucketOf} groups, built here from the delays. */
    private static DelayHistogram histogram(double[] delays) {
        TreeMap<Integer, double[]> buckets = new TreeMap<>(); // count, min, max
        for (double d : delays) {
            int key;
            if (d >= DelayHistogram.NEAR_ZERO_SECONDS) {
                key = (int) Math.floor(Math.log(d) * DelayHistogram.PER_LN);
            } else if (d <= -DelayHistogram.NEAR_ZERO_SECONDS) {
                key = DelayHistogram.NEGATIVE - (int) Math.floor(Math.log(-d) * DelayHistogram.PER_LN);
            } else {
                key = DelayHistogram.NEAR_ZERO;
            }
            double[] b = buckets.computeIfAbsent(key, k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE});
            b[0]++;
            b[1] = Math.min(b[1], d);
            b[2] = Math.max(b[2], d);
        }
        DelayHistogram h = new DelayHistogram();
        buckets.forEach((k, b) -> h.add(new DelayHistogram.Bucket(k, (long) b[0], b[1], b[2])));
        return h;
    }
}
