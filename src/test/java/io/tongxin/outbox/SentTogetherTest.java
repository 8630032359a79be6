package io.tongxin.outbox;

import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher records a batch's deliveries together (issue 16: one commit for many sent messages,
 * not one each): every delivered message is marked sent with its attempt row in the same transaction,
 * a batch needs far fewer transactions than messages, and a slow platform does not hold back the
 * marks of the messages already delivered to others.
 */
@QuarkusTest
class SentTogetherTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    DataSource dataSource;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    /** A message's state: status, its row's transaction, its attempts' outcomes and their transactions. */
    record Row(String status, String xmin, List<String> outcomes, Set<String> attemptXmins) {}

    Map<String, Row> rows(String run) throws Exception {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select m.target_id, m.status, m.xmin::text, a.outcome,"
                        + " a.xmin::text from outbox_message m left join outbox_attempt a on a.message_id = m.id"
                        + " where m.origin_id = ? order by m.id, a.id")) {
            ps.setString(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = rows.computeIfAbsent(
                            rs.getString(1),
                            k -> new Row(
                                    uncheckedString(rs, 2),
                                    uncheckedString(rs, 3),
                                    new ArrayList<>(),
                                    new HashSet<>()));
                    if (rs.getString(4) != null) {
                        r.outcomes().add(rs.getString(4));
                        r.attemptXmins().add(rs.getString(5));
                    }
                }
            }
        }
        return rows;
    }

    private static String uncheckedString(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldMarkABatchsDeliveriesSentWithTheirAttemptsInFewerTransactionsThanMessages() throws Exception {
        dispatcher.drain(); // what earlier tests left due goes first, not into this batch
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String run = uniq("together");
        List<OutboundMessage> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(OutboundMessage.of(
                    run + ":" + i,
                    channel,
                    Target.chat(run + "-" + i),
                    Content.text("通知 " + i),
                    Origin.of("event", run)));
        }
        assertEquals(20, outbox.enqueueAll(all));

        dispatcher.drain();

        Map<String, Row> rows = rows(run);
        assertEquals(20, rows.size());
        Set<String> transactions = new HashSet<>();
        rows.forEach((target, r) -> {
            assertEquals("sent", r.status(), target);
            assertEquals(List.of("sent"), r.outcomes(), target + ": one attempt, sent");
            // the sent mark and its attempt row committed together: never a sent message without its history
            assertEquals(Set.of(r.xmin()), r.attemptXmins(), target + ": attempt and mark in one transaction");
            transactions.add(r.xmin());
        });
        // every 50 ms at most while the batch runs, and once at its end (20 loopback sends take a few
        // ms; ten records would take half a second of sending on a loaded machine)
        assertTrue(
                transactions.size() <= 10,
                "20 deliveries marked in " + transactions.size() + " transactions, not one each");
        assertEquals(20, stub.requests("/send").size(), "each message sent once");
    }

    @Test
    void shouldMarkDeliveredMessagesSentWhileASlowPlatformStillHoldsAnother() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        stub.hold("/slow", answer);
        String fast = Channels.bridge(stub.baseUrl() + "/fast");
        String slow = Channels.bridge(stub.baseUrl() + "/slow");
        String run = uniq("slow");
        List<OutboundMessage> all = new ArrayList<>();
        all.add(OutboundMessage.of(
                run + ":slow", slow, Target.chat(run + "-slow"), Content.text("慢"), Origin.of("event", run)));
        for (int i = 0; i < 5; i++) {
            all.add(OutboundMessage.of(
                    run + ":" + i,
                    fast,
                    Target.chat(run + "-fast-" + i),
                    Content.text("快 " + i),
                    Origin.of("event", run)));
        }
        assertEquals(6, outbox.enqueueAll(all));

        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(dispatcher::drain);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Map<String, Row> rows = rows(run);
            while (System.nanoTime() < until
                    && (stub.requests("/slow").isEmpty()
                            || rows.values().stream()
                                            .filter(r -> "sent".equals(r.status()))
                                            .count()
                                    < 5)) {
                Thread.sleep(20);
                rows = rows(run);
            }
            assertEquals(1, stub.requests("/slow").size(), "the slow platform got its request");
            for (int i = 0; i < 5; i++) {
                Row r = rows.get(run + "-fast-" + i);
                assertEquals("sent", r.status(), "delivered while the slow one waits: marked sent already");
                assertEquals(List.of("sent"), r.outcomes());
            }
            Row waiting = rows.get(run + "-slow");
            assertEquals("pending", waiting.status(), "not answered yet: not sent");
            assertEquals(List.of(), waiting.outcomes());
        } finally {
            answer.countDown();
        }
        drained.get(30, TimeUnit.SECONDS);
        Row done = rows(run).get(run + "-slow");
        assertEquals("sent", done.status());
        assertEquals(List.of("sent"), done.outcomes());
        assertEquals(5, stub.requests("/fast").size());
    }
}
