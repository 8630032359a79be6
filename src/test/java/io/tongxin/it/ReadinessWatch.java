package io.tongxin.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Polls {@code /q/health/ready} of one instance from a thread of its own, each probe with a short
 * timeout, and keeps every answer with the moment its request started, so a test can ask what the
 * service said in a given interval. A probe without an answer within the timeout is recorded as
 * {@link #NO_ANSWER} ("not UP", but not a DOWN answer either): one probe hung through an outage
 * cannot hide the others.
 */
final class ReadinessWatch implements AutoCloseable {

    /** The status recorded for a probe that got no answer within the timeout (or no connection). */
    static final int NO_ANSWER = -1;

    /** One probe: when its request started and ended ({@link System#nanoTime()}), and the status. */
    record Probe(long startNanos, long endNanos, int status) {}

    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ReadinessWatch(String baseUrl, Duration timeout, Duration every) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        URI uri = URI.create(baseUrl + "/q/health/ready");
        thread = new Thread(
                () -> {
                    while (running) {
                        long start = System.nanoTime();
                        int status;
                        try {
                            status = http.send(
                                            HttpRequest.newBuilder(uri)
                                                    .timeout(timeout)
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            status = NO_ANSWER;
                        }
                        probes.add(new Probe(start, System.nanoTime(), status));
                        try {
                            Thread.sleep(every.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "readiness-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The probes whose request started in {@code [fromNanos, toNanos)}. */
    List<Probe> startedBetween(long fromNanos, long toNanos) {
        List<Probe> out = new ArrayList<>();
        for (Probe p : probes) {
            if (p.startNanos() - fromNanos >= 0 && p.startNanos() - toNanos < 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The probes that started and ended (answered or gave up) in {@code [fromNanos, toNanos)}. */
    List<Probe> within(long fromNanos, long toNanos) {
        List<Probe> out = new ArrayList<>();
        for (Probe p : startedBetween(fromNanos, toNanos)) {
            if (p.endNanos() - toNanos < 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** Counts of 200, 503 and {@link #NO_ANSWER} (and anything else) among probes, for a log line. */
    static String summary(List<Probe> probes) {
        int up = 0;
        int down = 0;
        int none = 0;
        int other = 0;
        long slowest = 0;
        for (Probe p : probes) {
            switch (p.status()) {
                case 200 -> up++;
                case 503 -> down++;
                case NO_ANSWER -> none++;
                default -> other++;
            }
            slowest = Math.max(slowest, p.endNanos() - p.startNanos());
        }
        return probes.size() + " probes: " + up + " × 200, " + down + " × 503, " + none + " without an answer, " + other
                + " other; slowest " + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms";
    }

    /** How long after {@code sinceNanos} the first 200 among {@code probes} was answered, for a log line. */
    static String firstUp(List<Probe> probes, long sinceNanos) {
        return probes.stream()
                .filter(p -> p.status() == 200)
                .findFirst()
                .map(p -> "; first 200 answered " + TimeUnit.NANOSECONDS.toMillis(p.endNanos() - sinceNanos)
                        + " ms after the restart")
                .orElse("");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
