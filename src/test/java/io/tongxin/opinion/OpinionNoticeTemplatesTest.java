package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.dialogue.Notices;
import io.tongxin.dialogue.ScriptRegistry;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opinion notices worded by the templates of {@code bot-scripts/notices-opinion.yaml} (the tests' copy in
 * {@code target/test-bot-scripts}): in one language, the channel's; a changed wording is picked up by
 * the hot reload; a broken template is refused with its line while the last good one keeps serving.
 */
@QuarkusTest
class OpinionNoticeTemplatesTest {

    private static final Path FILE = Path.of("target/test-bot-scripts/notices-opinion.yaml");

    @Inject
    Fixture fixture;

    @Inject
    Notices notices;

    @Inject
    ScriptRegistry registry;

    private String original;

    @AfterEach
    void restore() throws Exception {
        if (original != null) {
            Files.writeString(FILE, original, StandardCharsets.UTF_8);
            registry.reload();
            original = null;
        }
    }

    private void edit(String from, String to) throws Exception {
        String now = Files.readString(FILE, StandardCharsets.UTF_8);
        if (original == null) {
            original = now;
        }
        assertTrue(now.contains(from), "the shipped notice file has: " + from);
        Files.writeString(FILE, now.replace(from, to), StandardCharsets.UTF_8);
    }

    /** Waits for the scheduled reload (every 1 s in tests) to see the change. */
    private static void eventually(BooleanSupplier done, String what) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        while (!done.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(until), "not within 15 s: " + what);
            Thread.sleep(100);
        }
    }

    private static String englishChannel() {
        String key = Api.uniq("ch-en");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "English bridge " + key,
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true,
                        "language",
                        "en"))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    private static void memberOn(Fixture.World w, String code, String channelKey) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", "Wang Jianguo");
        m.put("level", "county");
        m.put("sectorCode", w.sector);
        m.put("workstationCode", w.workstation);
        m.put("communityCodes", List.of(w.community));
        m.put("capacity", 5);
        m.put("identities", List.of(Map.of("channelKey", channelKey, "userId", Fixture.userIdOf(code))));
        admin().body(m).post("/api/members").then().statusCode(201);
    }

    private static String assignee(String number) {
        return admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .extract()
                .path("assignee.code");
    }

    @Test
    void shouldWordTheAssignmentNoticeInEnglishOnlyForAMemberOnAnEnglishChannel() {
        var w = fixture.world();
        String m = Api.uniq("m");
        memberOn(w, m, englishChannel());
        String number = Fixture.file(w.keyword + " street light broken, call 13812345678", w.community, null, null);
        assertEquals(m, assignee(number));

        List<Outboxed.Sent> sent = Outboxed.about(number).stream()
                .filter(s -> s.target().equals(Outboxed.memberTarget(m)))
                .toList();
        assertEquals(1, sent.size(), Outboxed.about(number).toString());
        String text = sent.get(0).text();
        assertTrue(text.startsWith("[Opinion " + number + "]"), text);
        assertTrue(text.contains("Please acknowledge by") && text.contains("\"收到 " + number + "\""), text);
        assertTrue(text.contains("138****5678") && !text.contains("13812345678"), text);
        for (String chinese : List.of("请于", "社区：", "类别：", "社情民意", "办结")) {
            assertFalse(text.contains(chinese), "English only on an en channel, found " + chinese + ": " + text);
        }
    }

    @Test
    void shouldWordTheAssignmentNoticeInChineseOnlyOnAChineseChannel() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword + "路灯不亮", w.community, null, null);
        String text = Outboxed.about(number).stream()
                .filter(s -> s.target().equals(Outboxed.memberTarget(m)))
                .findFirst()
                .orElseThrow()
                .text();
        assertTrue(text.startsWith("【社情民意 " + number + "】") && text.contains("请于"), text);
        assertFalse(text.contains("Please") || text.contains("Community"), "zh-CN only: " + text);
    }

    @Test
    void shouldPickUpAChangedNoticeWordingAfterTheFolderIsReloaded() throws Exception {
        Map<String, Object> vars = Map.of("number", "2026-000777");
        edit("您反映的问题已收到，编号 {number}，我们会尽快安排委员跟进。", "收到啦！编号 {number}，委员很快会联系您。");
        eventually(
                () -> notices.render(OpinionMessages.REPORTER_QUEUED, "zh-CN", vars)
                        .equals("收到啦！编号 2026-000777，委员很快会联系您。"),
                "the changed wording in force");

        // end to end: an opinion nobody can take is queued, and its reporter hears the new words
        var w = fixture.world();
        String resident = Api.uniq("r");
        String user = Api.uniq("u");
        fixture.resident(w, resident, user, "张三丰", "13812345678");
        String number = Fixture.file(w.keyword + "垃圾没人清", w.community, resident, null);
        List<Outboxed.Sent> toReporter = Outboxed.about(number).stream()
                .filter(s -> s.target().equals("user:" + user))
                .toList();
        assertEquals(1, toReporter.size(), Outboxed.about(number).toString());
        assertEquals("收到啦！编号 " + number + "，委员很快会联系您。", toReporter.get(0).text());
    }

    @Test
    void shouldRefuseABrokenNoticeTemplateWithItsLineAndKeepServingTheLastGoodOne() throws Exception {
        Map<String, Object> vars = Map.of("number", "2026-000778");
        String before = notices.render(OpinionMessages.REPORTER_QUEUED, "zh-CN", vars);
        String key = "  opinion.reporter-queued:";
        int line = List.of(Files.readString(FILE, StandardCharsets.UTF_8).split("\n", -1))
                        .indexOf(key)
                + 2; // the zh-CN text is the line below the key (lines are 1-based)
        edit("您反映的问题已收到，编号 {number}，", "您反映的问题已收到，编号 {numbr}，");
        eventually(() -> errors().stream().anyMatch(e -> e.startsWith("notices-opinion.yaml:")), "the refusal");

        List<String> errors = errors();
        assertTrue(
                errors.stream()
                        .anyMatch(e -> e.startsWith("notices-opinion.yaml:" + line + ":")
                                && e.contains("opinion.reporter-queued")
                                && e.contains("numbr")),
                "file, line " + line + " and reason: " + errors);
        assertEquals(before, notices.render(OpinionMessages.REPORTER_QUEUED, "zh-CN", vars), "the old one serves");
        assertEquals(
                "Your concern has been passed to committee member 王委员 for follow-up, number 2026-000778.",
                notices.render(
                        OpinionMessages.REPORTER_ASSIGNED, "en", Map.of("number", "2026-000778", "member", "王委员")),
                "the rest of the file too");

        // an unknown notice key is refused as well, with its line
        restore();
        edit("  opinion.reporter-queued:", "  opinion.reporter-queue:");
        eventually(
                () -> errors().stream()
                        .anyMatch(e -> e.contains("no feature sends the notice 'opinion.reporter-queue'")),
                "the unknown key refused");
        assertTrue(
                errors().stream().anyMatch(e -> e.startsWith("notices-opinion.yaml:" + (line - 1) + ":")),
                errors().toString());
        assertEquals(before, notices.render(OpinionMessages.REPORTER_QUEUED, "zh-CN", vars));
    }

    private static List<String> errors() {
        JsonPath j =
                admin().get("/api/bot/scripts").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> errors = j.getList("errors");
        return errors.stream()
                .map(e -> e.get("file") + ":" + e.get("line") + ": " + e.get("reason"))
                .toList();
    }
}
