package io.tongxin.inbox;

import static io.tongxin.support.Webhooks.inbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.channel.ChannelCredentials;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.MessageKind;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, goal 1: accepting a webhook's message (the replay guard's nonce and the inbox INSERT)
 * takes its connections from the webhooks' own pool, so it never waits for one that processing, the
 * outbox or the API holds: with every connection of the shared pool taken, a message is still stored.
 */
@QuarkusTest
class AcceptPoolTest {

    @Inject
    AgroalDataSource shared;

    @Inject
    @io.quarkus.agroal.DataSource("accept")
    AgroalDataSource webhooks;

    @Inject
    InboxAccept accept;

    @Inject
    ReplayGuard replays;

    @Inject
    ChannelCredentials channels;

    @Test
    void shouldStoreAMessageWhileEveryConnectionOfTheSharedPoolIsHeld() throws Exception {
        String key = Webhooks.mpChannel(false);
        var channel = channels.find(key).orElseThrow().info();
        int max = shared.getConfiguration().connectionPoolConfiguration().maxSize();
        assertTrue(webhooks.getConfiguration().connectionPoolConfiguration().maxSize() >= 1, "the webhooks' own pool");
        InboundDraft draft = new InboundDraft(
                "id:16300",
                MessageKind.TEXT,
                null,
                null,
                null,
                "oia2Tju_tester",
                null,
                "gh_7f083739789a",
                "池 #reply",
                List.of(),
                false,
                "16300",
                Instant.now(),
                null,
                "<xml/>",
                false,
                "1700000000:nonce-16300",
                List.of());
        List<Connection> held = new ArrayList<>();
        InboxAccept.Accepted stored;
        try {
            // everything processing (its workers, the poller, nested transactions) could ever hold, and more
            for (int i = 0; i < max; i++) {
                held.add(shared.getConnection());
            }
            assertEquals(max, held.size(), "the shared pool is exhausted");
            replays.admit(key, draft);
            stored = accept.accept(channel, draft, false);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertFalse(stored.duplicate());
        assertTrue(stored.id() > 0);
        assertEquals(1, inbox(key).size(), "stored once, for the poller");
    }
}
