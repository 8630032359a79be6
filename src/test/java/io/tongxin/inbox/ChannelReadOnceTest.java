package io.tongxin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A new channel's first webhooks arrive together (a bridge starts, a busy group): one of them reads
 * the channel from PostgreSQL and the others wait for that read (single-flight), instead of every
 * one of them reading it at once.
 */
@QuarkusTest
class ChannelReadOnceTest {

    private static final int REQUESTS = 12;

    @Inject
    DataSource ds;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/webhooks/")
    URI webhooks;

    @Test
    void shouldReadANewChannelOnceForItsFirstConcurrentRequests() throws Exception {
        String key = Webhooks.bridgeChannel();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (Connection lock = ds.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                // every read of the channel table waits until this transaction ends: the reads pile up
                st.execute("lock table channel in access exclusive mode");
            }
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    answers.add(client.sendAsync(chatter(key, i), HttpResponse.BodyHandlers.ofString()));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (channelReadsWaiting() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, channelReadsWaiting(), "one read of the channel waits for the lock");
                Thread.sleep(1_000); // all the requests have arrived by now: any other read would wait too
                assertEquals(1, channelReadsWaiting(), "the other requests wait for that one read");
                assertTrue(answers.stream().noneMatch(CompletableFuture::isDone), "nobody answered yet");
            } finally {
                lock.rollback();
            }
        }
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(REQUESTS, Webhooks.inbox(key).size(), "every message was stored");
        Counter reads = registry.find("tongxin.webhook.channel-reads")
                .tag("channel", key)
                .counter();
        assertEquals(1.0, reads == null ? 0 : reads.count(), "the channel was read from the database once");
    }

    /** Sessions of this database waiting for a lock in a read of the channel table (the webhook's). */
    private int channelReadsWaiting() throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                                + " and wait_event_type = 'Lock' and query ilike 'select%from channel %'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Group chatter no handler wants (no mention of the bot). */
    private HttpRequest chatter(String key, int i) {
        String json = "{\"messageId\":\"" + UUID.randomUUID() + "\",\"chat\":{\"id\":\"R:read-once\",\"name\":\"测试群\"},"
                + "\"sender\":{\"id\":\"wxid_chatter_" + i + "\",\"name\":\"邻居\"},\"text\":\"#not-for-the-bot 今天天气不错\","
                + "\"mentions\":[],\"mentionsBot\":false,\"timestamp\":" + Webhooks.now() + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String ts = Webhooks.now();
        return HttpRequest.newBuilder(webhooks.resolve(key))
                .header("Content-Type", "application/json")
                .header("X-Tongxin-Timestamp", ts)
                .header("X-Tongxin-Signature", "sha256=" + Webhooks.hmacHex(Webhooks.BRIDGE_SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
