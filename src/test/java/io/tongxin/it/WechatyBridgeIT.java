package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reference Wechaty bridge ({@code bridges/wechaty}) against the packaged service on PostgreSQL:
 * this test starts the jar (real sending: outbox enabled, not a dry run), installs the bridge's locked
 * dependencies ({@code npm ci}) and runs its tests ({@code npm test}) with the instance's address. The
 * Node tests drive Wechaty's own mock puppet (a resident's room message, the member's notice, a forged
 * and a replayed outbox call, Tongxin down mid-message, a member joining, the bot removed) and assert
 * on the bridge's side; this test then checks the database: each message stored once, every stored
 * message processed, one opinion per report, and every outbox message to the bridge sent.
 */
class WechatyBridgeIT {

    static final File BRIDGE = new File("bridges/wechaty");
    static final String SECRET = "it-wechaty-bridge-secret-01";

    final Instances instances = new Instances();
    Process install;

    @AfterEach
    void stopAll() {
        if (install != null) {
            install.destroyForcibly();
        }
        instances.close();
    }

    @Test
    void shouldCarryRoomMessagesRepliesAndNoticesThroughTheWechatyBridgeOnce() throws Exception {
        // the bridge's locked dependencies install while the service starts
        install = npm(List.of("ci", "--no-audit", "--no-fund"), Map.of(), "npm-ci");
        Instances.Instance tongxin = instances.start(
                "wechaty",
                true,
                Map.of(
                        "TONGXIN_OUTBOX_ENABLED",
                        "true",
                        "TONGXIN_OUTBOX_DRY_RUN",
                        "false",
                        "TONGXIN_OUTBOX_POLL_INTERVAL",
                        "PT0.5S",
                        "TONGXIN_INBOX_POLL_INTERVAL",
                        "PT1S"));
        String channel = "it-wechaty-" + System.currentTimeMillis();

        finish(install, "npm ci", "npm-ci", 5);
        finish(
                npm(
                        List.of("test"),
                        Map.of(
                                "TONGXIN_IT_URL",
                                tongxin.base(),
                                "TONGXIN_IT_ADMIN_TOKEN",
                                Instances.TOKEN,
                                "TONGXIN_IT_CHANNEL",
                                channel,
                                "TONGXIN_IT_SECRET",
                                SECRET),
                        "npm-test"),
                "npm test",
                "npm-test",
                5);

        // the reports: the first in the room, the one posted while Tongxin was down (with its retries)
        assertEquals(
                2,
                Instances.number("select count(*) from inbox_message where channel_key = ? and kind = 'text'", channel),
                "each resident message stored once, retries included");
        assertEquals(
                2,
                Instances.number("select count(*) from opinion_source where channel_key = ?", channel),
                "one opinion per report");
        assertEquals(
                2,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ? and kind = 'event'", channel),
                "roomJoin and botRemoved");
        assertEquals(
                0,
                Instances.number(
                        "select count(*) from inbox_message where channel_key = ? and status <> 'processed'", channel),
                "every stored message processed");
        assertTrue(
                Instances.number(
                                "select count(*) from outbox_message where channel_key = ? and status = 'sent'",
                                channel)
                        >= 2,
                "the member's notices went out through the bridge");
        assertEquals(
                0,
                Instances.number(
                        "select count(*) from outbox_message where channel_key = ? and status <> 'sent'", channel),
                "nothing left unsent or dead");
    }

    /** Starts npm in bridges/wechaty, its output to target/it-&lt;log&gt;.log. */
    private static Process npm(List<String> args, Map<String, String> env, String log) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(BRIDGE)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/it-" + log + ".log"));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AssertionError("npm is needed for the Wechaty bridge's tests (Node.js 20 and npm)", e);
        }
    }

    /** Waits for an npm run; fails the test with the tail of its output unless it succeeded. */
    private static void finish(Process p, String what, String log, int minutes)
            throws IOException, InterruptedException {
        File out = new File("target/it-" + log + ".log");
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + minutes + " min; see " + out);
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
            throw new AssertionError(what + " failed (exit " + p.exitValue() + "), " + out + ":\n" + tail);
        }
    }
}
