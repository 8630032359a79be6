package io.tongxin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service claim 10,000 due reminders at once (rows written straight
 * into the database, as the planner would have left them): each becomes exactly one outbox message
 * (idempotency key {@code event-reminder:<id>}), no row is left pending, both instances took part,
 * and it is done in bounded time.
 */
class RemindersTwoInstancesIT {

    static final int SESSIONS = 10;
    static final int REGISTRANTS = 1000;
    static final int REMINDERS = SESSIONS * REGISTRANTS;

    /** Every reminder is due now; the outbox dispatcher is off (the rows are what is counted), quiet hours off. */
    static final Map<String, String> SETTINGS = Map.of(
            "TONGXIN_EVENT_REMINDERS_EVERY", "1s",
            "TONGXIN_OUTBOX_ENABLED", "false",
            "TONGXIN_QUIET_HOURS", "none");

    final Instances instances = new Instances();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void shouldSendEachOf10000DueRemindersExactlyOnceWithTwoInstances() throws Exception {
        Instances.Instance a = instances.start("rem-a", true, SETTINGS);
        instances.start("rem-b", false, SETTINGS);
        String channel = "it-rem-" + System.currentTimeMillis();
        a.api()
                .body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "桥接",
                        "secret",
                        "it-bridge-secret-000004",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        String code = channel;
        long t0 = System.nanoTime();
        insertDueReminders(code, channel);

        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        long pending;
        while ((pending = Instances.number(
                                "select count(*) from event_reminder r join event e on e.id = r.event_id"
                                        + " where e.code = ? and r.status = 'pending'",
                                code))
                        > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(0, pending, "no reminder left pending after " + seconds + " s");
        assertEquals(
                REMINDERS,
                Instances.number(
                        "select count(*) from event_reminder r join event e on e.id = r.event_id"
                                + " where e.code = ? and r.status = 'sent' and r.fired_at is not null",
                        code));
        assertEquals(
                REMINDERS,
                Instances.number(
                        "select count(*) from outbox_message where origin_type = 'event' and origin_id = ?", code),
                "one outbox message per reminder");
        assertEquals(
                0,
                Instances.number(
                        "select count(*) from event_reminder r join event e on e.id = r.event_id where e.code = ?"
                                + " and (select count(*) from outbox_message m"
                                + " where m.idempotency_key = 'event-reminder:' || r.id) <> 1",
                        code),
                "each reminder's own key exactly once");
        assertEquals(
                REGISTRANTS,
                Instances.number(
                        "select count(distinct target_id) from outbox_message where origin_type = 'event' and origin_id = ?",
                        code));
        // every row claimed by exactly one instance (a double claim would count more than the rows;
        // how the rows split between the two depends on timing, so that is only reported)
        long byA = handled("rem-a");
        long byB = handled("rem-b");
        System.out.printf("RemindersTwoInstancesIT: instance a handled %d, instance b %d%n", byA, byB);
        assertEquals(REMINDERS, byA + byB, "rows handled by the two instances together");
    }

    private static long handled(String name) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("reminders: (\\d+) due rows handled")
                .matcher(Files.readString(Path.of("target/it-" + name + ".log")));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** One published event, 10 sessions tomorrow, 1,000 registrants on the channel, 10,000 reminders due now: one commit. */
    private static void insertDueReminders(String code, String channel) throws Exception {
        try (Connection c = DriverManager.getConnection(Instances.JDBC, "tongxin", "tongxin")) {
            c.setAutoCommit(false);
            exec(
                    c,
                    "insert into event (code, kind, title, venue, status, created_at, updated_at)"
                            + " values (?, 'class', '街舞公益课堂', '山丹县文化馆', 'published', now(), now())",
                    code);
            exec(
                    c,
                    "insert into event_session (event_id, number, code, starts_at, ends_at)"
                            + " select e.id, n, e.code || '-' || n, now() + interval '1 day' + n * interval '1 hour',"
                            + " now() + interval '1 day' + n * interval '1 hour' + interval '50 minutes'"
                            + " from event e cross join generate_series(1, " + SESSIONS + ") n where e.code = ?",
                    code);
            exec(
                    c,
                    "insert into event_registration (event_id, code, participant_name, channel_key, user_id, status,"
                            + " created_at) select e.id, 'R' || lpad(n::text, 7, '0'), '小明', '" + channel + "',"
                            + " 'wx-' || n, 'registered', now() from event e cross join generate_series(1, "
                            + REGISTRANTS + ") n where e.code = ?",
                    code);
            exec(
                    c,
                    "insert into event_reminder (event_id, session_id, offset_iso, recipient_kind, recipient_ref,"
                            + " due_at, status) select s.event_id, s.id, 'PT24H', 'registration', g.code, now(), 'pending'"
                            + " from event e join event_session s on s.event_id = e.id"
                            + " join event_registration g on g.event_id = e.id where e.code = ?",
                    code);
            c.commit();
        }
    }

    private static void exec(Connection c, String sql, String param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            ps.executeUpdate();
        }
    }
}
