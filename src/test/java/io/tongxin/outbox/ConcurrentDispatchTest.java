package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several dispatchers on one database: two dispatcher threads in this instance and a plain-JDBC
 * claimer standing in for another instance, running the same claim SQL and holding a batch while the
 * dispatchers run. Each message is sent once, and exactly by whoever claimed it;
 * claims of a dispatcher that died mid-batch come back after the lease.
 */
@QuarkusTest
class ConcurrentDispatchTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    MutableClock clock;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    final PlatformStub stub = new PlatformStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    /**
     * Another instance. It first claims a batch of this run (with the dispatcher's lease) and holds it,
     * unsent, until {@code resume}; then it sends that batch and claims further with the dispatcher's
     * own SQL until nothing is due. Posts each message to the stub and marks it sent.
     *
     * @return the rooms of this run it sent to
     */
    Set<String> otherInstance(String name, String run, CountDownLatch claimed, CountDownLatch resume) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> rooms = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            List<Long> held = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("update outbox_message set claimed_by = ?, claimed_until = ?"
                    + " where id in (select id from outbox_message where origin_id = ? and status = 'pending'"
                    + " order by id limit 25 for update) returning id")) {
                ps.setString(1, name);
                ps.setObject(2, clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
                ps.setString(3, run);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getLong(1));
                    }
                }
            }
            c.commit();
            claimed.countDown();
            resume.await();
            send(c, http, name, held, run, rooms);
            while (true) {
                List<Long> ids = new ArrayList<>();
                Instant now = clock.instant();
                try (PreparedStatement ps = c.prepareStatement(OutboxStore.CLAIM_SQL)) {
                    ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                    ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                    ps.setInt(3, 25);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    return rooms;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "update outbox_message set claimed_by = ?, claimed_until = ? where id = ?")) {
                    for (long id : ids) {
                        ps.setString(1, name);
                        ps.setObject(2, now.plusSeconds(120).atOffset(ZoneOffset.UTC));
                        ps.setLong(3, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                send(c, http, name, ids, run, rooms);
            }
        }
    }

    private void send(Connection c, HttpClient http, String name, List<Long> ids, String run, Set<String> rooms)
            throws Exception {
        for (long id : ids) {
            String target;
            try (PreparedStatement ps = c.prepareStatement("select target_id from outbox_message where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    target = rs.getString(1);
                }
            }
            c.commit();
            http.send(
                    HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/send"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"chatId\":\"" + target + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            try (PreparedStatement ps = c.prepareStatement("update outbox_message set status = 'sent', "
                    + "claimed_by = null, claimed_until = null where id = ? and claimed_by = ?")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            c.commit();
            if (target.startsWith(run)) {
                rooms.add(target);
            }
        }
    }

    @Test
    void shouldSendEachOfTwoThousandMessagesExactlyOnceWithThreeDispatchers() throws Exception {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String run = uniq("run");
        List<OutboundMessage> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            all.add(OutboundMessage.of(
                    run + ":" + i,
                    channel,
                    Target.chat(run + "-room-" + i),
                    Content.text("广播 " + i),
                    Origin.of("event", run)));
        }
        assertEquals(2000, outbox.enqueueAll(all));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        // the other instance claims a batch first and keeps it claimed while both dispatchers run
        // concurrently, so the dispatchers always meet a live foreign claim, whatever the machine's speed
        Future<Set<String>> other = threads.submit(() -> otherInstance("jdbc-claimer", run, claimed, resume));
        assertTrue(claimed.await(60, TimeUnit.SECONDS), "the other instance claimed its first batch");
        Future<Integer> a = threads.submit(() -> {
            go.await();
            return dispatcher.drain();
        });
        Future<Integer> b = threads.submit(() -> {
            go.await();
            return dispatcher.drain();
        });
        go.countDown();
        int byA = a.get();
        int byB = b.get();
        resume.countDown();
        Set<String> byOther = other.get();
        threads.shutdown();

        Map<String, Long> perRoom = stub.requests("/send").stream()
                .map(r -> r.body().replaceAll(".*\"chatId\":\"([^\"]+)\".*", "$1"))
                .filter(room -> room.startsWith(run))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(2000, perRoom.size(), "every message arrived");
        assertTrue(perRoom.values().stream().allMatch(n -> n == 1), "none arrived twice");
        // the dispatchers left the batch claimed by the other instance alone (it sent exactly that
        // batch: they had drained everything else before it went on) and sent all the rest
        assertEquals(25, byOther.size(), "the other instance sent the batch it held: " + byOther.size());
        assertTrue(byA + byB >= 1975, "the two dispatchers sent everything else: " + byA + "/" + byB);
        admin().queryParam("origin", "event:" + run)
                .queryParam("status", "sent")
                .get("/api/outbox")
                .then()
                .body("total", equalTo(2000));
    }

    @Test
    void shouldRecoverTheClaimsOfADispatcherKilledMidBatchAfterTheLease() throws Exception {
        String channel = Channels.bridge(stub.baseUrl() + "/send");
        String run = uniq("crash");
        List<OutboundMessage> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(OutboundMessage.of(
                    run + ":" + i, channel, Target.chat(run + "-" + i), Content.text("m"), Origin.of("event", run)));
        }
        outbox.enqueueAll(all);
        // A dispatcher claims the batch with a two-minute lease and dies before sending anything.
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "update outbox_message set claimed_by = 'killed-instance', claimed_until = ? where origin_id = ?")) {
                ps.setObject(1, now.plus(Duration.ofMinutes(2)).atOffset(ZoneOffset.UTC));
                ps.setString(2, run);
                assertEquals(5, ps.executeUpdate());
            }
            c.commit();
        }
        dispatcher.drain();
        assertEquals(0, stub.requests("/send").size(), "claimed messages are left alone during the lease");
        admin().queryParam("origin", "event:" + run)
                .queryParam("status", "pending")
                .get("/api/outbox")
                .then()
                .body("total", equalTo(5));

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        dispatcher.drain();
        assertEquals(5, stub.requests("/send").size());
        admin().queryParam("origin", "event:" + run)
                .queryParam("status", "sent")
                .get("/api/outbox")
                .then()
                .body("total", equalTo(5));
    }
}
