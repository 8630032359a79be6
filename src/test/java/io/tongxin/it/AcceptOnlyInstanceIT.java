package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, goal 1: an accept-only instance ({@code TONGXIN_INBOX_PROCESS=false}) acknowledges
 * webhooks at once and processes nothing, not even with its poller running; an instance that
 * processes, on the same database, files the reports and sends every reply through the outbox,
 * exactly once.
 */
class AcceptOnlyInstanceIT {

    static final int REPORTS = 6;

    final Instances instances = new Instances();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void shouldAcknowledgeAtOnceAndLeaveProcessingToTheInstanceThatProcesses() throws Exception {
        Map<String, String> fastPoll = Map.of("TONGXIN_INBOX_POLL_INTERVAL", "200ms");
        Instances.Instance front = instances.start(
                "accept-only-front",
                true,
                Map.of("TONGXIN_INBOX_PROCESS", "false", "TONGXIN_INBOX_POLL_INTERVAL", "200ms"));
        String channel = "it-ao-" + System.currentTimeMillis();
        NewSenderAtOnceIT.setUp(front, channel);

        String resident = "wxid_it_ao_direct";
        assertNull(
                BridgeClient.direct(front, channel, NewSenderAtOnceIT.SECRET, resident, "小区南门的排水沟堵了，下雨天积水很深"),
                "a direct report is answered at once, without the bot's question as the passive reply");
        for (int i = 0; i < REPORTS; i++) {
            assertEquals(
                    200,
                    BridgeClient.group(
                            front,
                            channel,
                            NewSenderAtOnceIT.SECRET,
                            "it-ns-room0@chatroom",
                            "wxid_it_ao" + i,
                            "it-ao-" + i,
                            "楼道灯坏了，第" + i + "号楼"));
        }
        Thread.sleep(2_000); // ten of the front's poll intervals
        assertEquals(
                REPORTS + 1,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ? and status = 'pending' and attempts = 0",
                        channel),
                "the accept-only instance claims nothing: every message waits pending");
        assertEquals(0, Instances.number("select count(*) from opinion_source where channel_key = ?", channel));

        instances.start("accept-only-back", false, fastPoll);
        Instances.awaitInboxProcessed(channel, Duration.ofSeconds(90));
        assertEquals(
                REPORTS + 1,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ? and status = 'processed'"
                                + " and attempts = 1 and last_error is null",
                        channel),
                "the instance that processes took every message, each in its first attempt");
        assertEquals(
                REPORTS,
                Instances.number(
                        "select count(distinct opinion_id) from opinion_source where channel_key = ?", channel),
                "one opinion per group report");
        assertEquals(
                REPORTS + 1,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ? and reply_delivery = 'outbox'",
                        channel),
                "every reply went through the outbox (none could be a passive reply)");
        String inboxIds = "select cast(id as varchar) from inbox_message where channel_key = ?";
        assertEquals(
                REPORTS + 1,
                Instances.number(
                        "select count(*) from outbox_message where origin_type = 'inbox' and origin_id in (" + inboxIds
                                + ")",
                        channel),
                "one reply in the outbox per message");
        assertEquals(
                REPORTS + 1,
                Instances.number(
                        "select count(distinct origin_id) from outbox_message where origin_type = 'inbox'"
                                + " and origin_id in (" + inboxIds + ")",
                        channel),
                "exactly once each");
        assertEquals(
                1,
                Instances.number("select count(*) from bot_conversation where user_id = ?", resident),
                "the direct report's guided dialogue goes on (it waits for the resident's answer)");
        String log = Files.readString(Path.of("target/it-accept-only-front.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("accept-only instance"), "the front says what it is at start");
    }
}
