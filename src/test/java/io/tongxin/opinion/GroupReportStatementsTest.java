package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Api;
import io.tongxin.support.ChatWorld;
import io.tongxin.support.StatementLog;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one bound-group report costs the database (issue 16): a signed bridge message through the real
 * webhook and inbox, from a new resident in a group bound to a community, classified under a sector,
 * routed among members with capacity, the assignee's notice in the outbox. The statements Hibernate
 * prepares for it on the inbox worker are counted (not timed) and bounded, so a cut in them cannot
 * silently come back.
 */
@QuarkusTest
@TestProfile(AlternateSettings.class) // reference data cached for an hour: the count does not depend on speed
class GroupReportStatementsTest {

    private static final int MEMBERS = 5;

    /**
     * The statements of the first report in the group, nothing about it cached yet on this instance
     * (37 when this test was written, 45 before issue 16's session 7: the opinion was inserted, then
     * updated; the notice read the media twice; the dictionary version was read twice; the new resident
     * was read again by code; the assignee's notice read the member again, now cached by code
     * with the candidate lists; 36 since issue 16's session 8: the two history rows are one batch; 35
     * since session 9: the members' open loads come with their lock rows, not from a count of their
     * opinions, and the assignee's load and last assignment are one update).
     * Not counted here or below: a call of nextval for a block of 50 opinion, source or history ids
     * (V8.17), at most three in any report and once in 25 to 50 reports.
     */
    private static final int FIRST_REPORT_BOUND = 35;

    /**
     * The round trips of the first report: statements executed one by one, JDBC batches (one each,
     * however many rows) and transaction completions (40 before session 8, when every insert was its
     * own round trip: identity ids; 39 with sequence ids and batching, the history's two rows in one;
     * 38 since session 9).
     */
    private static final int FIRST_REPORT_ROUND_TRIPS = 38;

    /**
     * The next report in the group by another new resident: its group, community, workstation, names
     * and the candidate members come from the per-instance caches; only the chosen member's
     * capacity, leave and open load are read again, under its lock (25 when written, one of them
     * the chosen member's first lock row; 40 before; 23 since session 8; 22 since session 9).
     */
    private static final int NEXT_REPORT_BOUND = 22;

    /** The round trips of the next report (26 before session 8, 25 after, 24 since session 9). */
    private static final int NEXT_REPORT_ROUND_TRIPS = 24;

    @Inject
    Fixture fixture;

    @Test
    void shouldFileRouteAndNoticeABoundGroupReportInABoundedNumberOfStatements() throws Exception {
        var w = fixture.world();
        String channel = Api.uniq("intake");
        String chatId = Api.uniq("R") + "@chatroom";
        admin().body(Map.of(
                        "key",
                        channel,
                        "type",
                        "bridge",
                        "name",
                        "居民群桥接",
                        "secret",
                        Webhooks.BRIDGE_SECRET,
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        admin().body(Map.of(
                        "code",
                        Api.uniq("grp"),
                        "channelKey",
                        channel,
                        "chatId",
                        chatId,
                        "name",
                        "居民群",
                        "communityCode",
                        w.community))
                .post("/api/groups")
                .then()
                .statusCode(201);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String code = Api.uniq("m");
            members.add(code);
            Map<String, Object> m = new HashMap<>();
            m.put("code", code);
            m.put("name", "委员" + i);
            m.put("level", "county");
            m.put("sectorCode", w.sector);
            m.put("communityCodes", List.of(w.community));
            m.put("capacity", 100);
            m.put("identities", List.of(Map.of("channelKey", channel, "userId", "wxid_" + code)));
            admin().body(m).post("/api/members").then().statusCode(201);
        }

        Measured firstReport = measured(channel, chatId, w.keyword, members);
        Measured nextReport = measured(channel, chatId, w.keyword, members);
        List<String> first = firstReport.statements();
        List<String> next = nextReport.statements();
        System.out.println("first report in the group, " + firstReport.roundTrips() + ", " + table(first));
        System.out.println("next report in the group, " + nextReport.roundTrips() + ", " + table(next));
        assertTrue(
                first.size() <= FIRST_REPORT_BOUND,
                first.size() + " statements for the first group report (at most " + FIRST_REPORT_BOUND + "):\n"
                        + table(first));
        assertTrue(
                next.size() <= NEXT_REPORT_BOUND,
                next.size() + " statements for the next group report (at most " + NEXT_REPORT_BOUND + "):\n"
                        + table(next));
        assertTrue(
                firstReport.roundTrips().total() <= FIRST_REPORT_ROUND_TRIPS,
                "first group report: " + firstReport.roundTrips() + " (at most " + FIRST_REPORT_ROUND_TRIPS + ")");
        assertTrue(
                nextReport.roundTrips().total() <= NEXT_REPORT_ROUND_TRIPS,
                "next group report: " + nextReport.roundTrips() + " (at most " + NEXT_REPORT_ROUND_TRIPS + ")");
    }

    /** What one report cost: the statements prepared and the round trips to the database. */
    private record Measured(List<String> statements, StatementLog.RoundTrips roundTrips) {}

    /** One report by a new resident, filed, routed to one of the members, its notice once in the outbox. */
    private static Measured measured(String channel, String chatId, String keyword, List<String> members)
            throws Exception {
        StatementLog.start();
        String number =
                ChatWorld.reportOn(channel, chatId, "wxid_" + UUID.randomUUID(), "居民", "小区门口的" + keyword + "坏了，晚上很黑");
        settle(channel);
        List<String> all = StatementLog.stop();
        // a block of 50 ids now and then (pooled sequences, V8.17): not this report's own cost
        List<String> statements =
                all.stream().filter(s -> !s.contains("_id_seq")).toList();
        StatementLog.RoundTrips roundTrips = StatementLog.roundTrips().without(all.size() - statements.size());

        String assignee = admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .extract()
                .path("assignee.code");
        assertTrue(members.contains(assignee), "routed to " + assignee);
        long notices = Outboxed.about(number).stream()
                .filter(s -> s.target().equals("user:wxid_" + assignee))
                .count();
        assertEquals(1, notices, Outboxed.about(number).toString());
        return new Measured(statements, roundTrips);
    }

    private static void settle(String channel) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (Webhooks.inbox(channel).stream().allMatch(r -> "processed".equals(r.get("status")))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("inbox not processed: " + Webhooks.inbox(channel));
    }

    /** How many times each statement ran, most frequent first, then the sequence. */
    private static String table(List<String> statements) {
        Map<String, Integer> counts = new TreeMap<>();
        statements.forEach(s -> counts.merge(s, 1, Integer::sum));
        StringBuilder b = new StringBuilder("statements: " + statements.size() + "\n");
        counts.entrySet().stream()
                .sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(e -> b.append(String.format("%4d  %s%n", e.getValue(), e.getKey())));
        b.append("-- in order:\n");
        statements.forEach(s -> b.append("  ").append(s).append('\n'));
        return b.toString();
    }
}
