package io.tongxin.outbox;

import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Outbox benchmarks (not part of the normal suite): a 10,000-row broadcast enqueue, and dispatch
 * throughput against a local stub endpoint. Run with
 * {@code TONGXIN_TEST_DB=tongxin_bench ./scripts/test.sh -Pbench}; results go to stdout and to
 * {@code target/bench/outbox.txt}.
 */
@QuarkusTest
class OutboxBench {

    static final int BROADCAST = 10_000;
    static final int DISPATCH = 5_000;
    static final int RUNS = 5;

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Test
    void benchmark() throws IOException {
        List<String> report = new ArrayList<>();
        try (PlatformStub stub = new PlatformStub()) {
            String channel = Channels.bridge(stub.baseUrl() + "/send");

            double[] enqueueMs = new double[RUNS];
            for (int run = -1; run < RUNS; run++) { // run -1 warms up
                List<OutboundMessage> broadcast = messages(channel, BROADCAST, notDue());
                long t0 = System.nanoTime();
                int stored = QuarkusTransaction.requiringNew().call(() -> outbox.enqueueAll(broadcast));
                double ms = (System.nanoTime() - t0) / 1e6;
                assertEquals(BROADCAST, stored);
                if (run >= 0) {
                    enqueueMs[run] = ms;
                }
            }
            report.add(line("enqueue 10,000 rows (one transaction, batched)", enqueueMs, "ms"));

            double[] perSecond = new double[3];
            for (int run = -1; run < perSecond.length; run++) {
                List<OutboundMessage> batch = messages(channel, DISPATCH, null);
                QuarkusTransaction.requiringNew().call(() -> outbox.enqueueAll(batch));
                int before = stub.requests("/send").size();
                long t0 = System.nanoTime();
                dispatcher.drain();
                double s = (System.nanoTime() - t0) / 1e9;
                assertEquals(DISPATCH, stub.requests("/send").size() - before);
                if (run >= 0) {
                    perSecond[run] = DISPATCH / s;
                }
            }
            report.add(line(
                    "dispatch 5,000 bridge messages to distinct chats (signed POST, rate-limit slot, " + "sent record)",
                    perSecond,
                    "msg/s"));
        }
        report.forEach(l -> System.out.println("BENCH " + l));
        Files.createDirectories(Path.of("target/bench"));
        Files.write(Path.of("target/bench/outbox.txt"), report);
    }

    /** Rows far in the future so the enqueue runs do not feed the dispatch runs. */
    private static java.time.Instant notDue() {
        return java.time.Instant.now().plusSeconds(365L * 24 * 3600);
    }

    private static List<OutboundMessage> messages(String channel, int n, java.time.Instant notBefore) {
        String run = uniq("bench");
        List<OutboundMessage> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new OutboundMessage(
                    run + ":" + i,
                    channel,
                    Target.chat(run + "-group-" + i),
                    Content.text("【协商议事会议邀请】本周六上午九点，社区议事厅，欢迎参加。"),
                    Origin.of("event", run),
                    notBefore,
                    0));
        }
        return list;
    }

    private static String line(String what, double[] values, String unit) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        StringBuilder runs = new StringBuilder();
        for (double v : values) {
            runs.append(runs.isEmpty() ? "" : ", ").append(String.format("%.0f", v));
        }
        return String.format("%s: median %.0f %s (runs: %s)", what, median, unit, runs);
    }
}
