package io.tongxin.dialogue;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongxin.support.BotChat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hot reload of target/test-bot-scripts (the tests' copy of the scripts): a changed wording is used
 * by the next reply; every kind of invalid script is refused with its file, line and reason while the
 * previous good version keeps serving; a removed help script leaves the old help in force.
 */
@QuarkusTest
class ScriptReloadTest {

    static final Path DIR = Path.of("target/test-bot-scripts");

    private final String sfx = UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
    private final String file = "hot-" + sfx + ".yaml";
    private final String command = "hot" + sfx;
    private final List<Path> written = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestWrote() throws IOException {
        long g = generation();
        boolean any = false;
        for (Path p : written) {
            any |= Files.deleteIfExists(p);
        }
        if (Files.exists(DIR.resolve("help.yaml.off"))) {
            Files.move(DIR.resolve("help.yaml.off"), DIR.resolve("help.yaml"), StandardCopyOption.ATOMIC_MOVE);
            any = true;
        }
        if (any) {
            await(g, s -> true);
        }
    }

    String good(String wording) {
        return """
                # a script the reload test writes
                id: hot-%s
                triggers:
                  - command: [%s]
                templates:
                  reply:
                    zh-CN: %s
                    en: old wording
                """.formatted(sfx, command, wording);
    }

    @Test
    void shouldUseAChangedWordingOnTheNextReply() {
        BotChat chat = BotChat.bridge("bot-r", null);
        load(file, good("旧的说法"));
        assertEquals("旧的说法", chat.direct("wxid_r1", command));
        JsonPath s = load(file, good("新的说法"));
        assertEquals("新的说法", chat.direct("wxid_r1", command));
        assertTrue(s.getList("scripts.id").contains("hot-" + sfx));
        assertEquals(List.of(), s.getList("errors.findAll { it.file == '" + file + "' }"));
    }

    /** One invalid version of the script: what it says, the line the error must name, and part of the reason. */
    record Bad(String what, String yaml, int line, String reason) {}

    @Test
    void shouldRefuseEachKindOfInvalidScriptWithItsLineAndKeepTheGoodVersion() {
        BotChat chat = BotChat.bridge("bot-r", null);
        load(file, good("好的版本"));
        String head = "# a script the reload test writes\nid: hot-" + sfx + "\ntriggers:\n";
        String cmd = "  - command: [" + command + "]\n";
        String tpl = "templates:\n  reply:\n    zh-CN: 好\n    en: ok\n";
        List<Bad> cases = List.of(
                new Bad(
                        "bad YAML",
                        head + cmd + "templates:\n  reply:\n    zh-CN: a: b\n    en: ok\n",
                        7,
                        "not valid YAML"),
                new Bad("unknown key", head + cmd + "    bear: true\n" + tpl, 5, "unknown key 'bear'"),
                new Bad(
                        "unknown action",
                        head + cmd + "action:\n  name: no-such-action\n" + tpl,
                        6,
                        "unknown action 'no-such-action'"),
                new Bad(
                        "unknown slot in args",
                        head + cmd + "action:\n  name: test-record\n  args:\n    what: nothing\n" + tpl,
                        8,
                        "unknown slot 'nothing'"),
                new Bad(
                        "missing template for an outcome",
                        head + "  - command: [" + command + "]\n    rest: what\naction:\n  name: test-record\n"
                                + "  args: {what: what}\n" + tpl,
                        7,
                        "add the template 'recorded'"),
                new Bad("missing language", head + cmd + "templates:\n  reply:\n    zh-CN: 好\n", 6, "has no en text"),
                new Bad(
                        "Qute syntax error",
                        head + cmd + "templates:\n  reply:\n    zh-CN: 好\n    en: 'ok {#if}'\n",
                        8,
                        "does not parse"),
                new Bad(
                        "Qute syntax error in a block",
                        head + cmd + "templates:\n  reply:\n    zh-CN: |-\n      第一行\n      第二行 {#each}\n    en: ok\n",
                        9,
                        "does not parse"),
                new Bad(
                        "unknown variable",
                        head + cmd + "templates:\n  reply:\n    zh-CN: 好\n    en: 'hi {nobody}'\n",
                        8,
                        "nobody"),
                new Bad("regex that does not compile", head + "  - regex: '^(abc$'\n" + tpl, 4, "does not compile"),
                new Bad("backreference", head + "  - regex: '^(a)\\1$'\n" + tpl, 4, "does not compile"),
                new Bad("lookahead", head + "  - regex: '^(?=a)a$'\n" + tpl, 4, "does not compile"),
                new Bad("lookbehind", head + "  - regex: '^a(?<!b)$'\n" + tpl, 4, "does not compile"));
        for (Bad bad : cases) {
            JsonPath s = load(file, bad.yaml());
            Map<String, Object> error = errorOf(s, file);
            assertEquals(bad.line(), error.get("line"), bad.what() + ": " + error);
            assertTrue(String.valueOf(error.get("reason")).contains(bad.reason()), bad.what() + ": " + error);
            assertEquals("好的版本", chat.direct("wxid_r2", command), bad.what() + ": the good version serves");
        }
    }

    @Test
    void shouldRefuseADuplicateTriggerOrIdInANewFileAndKeepTheScriptInForce() {
        BotChat chat = BotChat.bridge("bot-r", null);
        load(file, good("先来的"));
        // sorts before the script in force, and must still not push it out
        String twin = "a-" + file;
        JsonPath s = load(
                twin,
                "id: twin-" + sfx + "\ntriggers:\n  - command: [other" + sfx + ", " + command + "]\n"
                        + "templates:\n  reply:\n    zh-CN: 后来的\n    en: later\n");
        Map<String, Object> error = errorOf(s, twin);
        assertEquals(3, error.get("line"), error.toString());
        assertTrue(
                String.valueOf(error.get("reason")).contains("duplicate trigger '" + command + "'"), error.toString());
        assertEquals("先来的", chat.direct("wxid_r3", command));
        // a second file with the same id
        String same = "z-" + file;
        s = load(same, good("同名的").replace("[" + command + "]", "[x" + command + "]"));
        error = errorOf(s, same);
        assertEquals(2, error.get("line"), error.toString());
        assertTrue(String.valueOf(error.get("reason")).contains("already used by " + file), error.toString());
        assertEquals("先来的", chat.direct("wxid_r3", command));
    }

    @Test
    void shouldKeepTheOldHelpWhenHelpYamlIsRemoved() throws IOException {
        BotChat chat = BotChat.bridge("bot-r", null);
        long g = generation();
        Files.move(DIR.resolve("help.yaml"), DIR.resolve("help.yaml.off"), StandardCopyOption.ATOMIC_MOVE);
        JsonPath s = awaitErrors(e -> String.valueOf(e.get("reason")).contains("no valid help script"));
        assertEquals(g, s.getLong("generation"), "the scripts in force stay as they were");
        assertTrue(s.getList("scripts.id").contains("help"));
        assertTrue(chat.direct("wxid_r4", "帮助").startsWith("请直接描述您反映的问题"));
        g = generation();
        Files.move(DIR.resolve("help.yaml.off"), DIR.resolve("help.yaml"), StandardCopyOption.ATOMIC_MOVE);
        s = await(g, x -> true);
        assertEquals(List.of(), s.getList("errors"));
    }

    @Test
    void shouldNotRunAnUnconfirmedActionWhenAReloadRemovedTheQuestionAFlowWaitsOn() throws IOException {
        BotChat chat = BotChat.bridge("bot-r", null);
        String u = "wxid_r5" + sfx;
        Path script = DIR.resolve("test-order.yaml");
        String original = Files.readString(script);
        chat.direct(u, "点单 拿铁");
        chat.direct(u, "1");
        assertTrue(chat.direct(u, "跳过").startsWith("确认点单"));
        try {
            load("test-order.yaml", original.replace("  - confirm: confirm-order\n", ""));
            String r = chat.direct(u, "1");
            assertTrue(r.startsWith(DialogueFlowTest.NOT_AN_ANSWER), r); // read as a new message: no action
            assertEquals(
                    0,
                    scripts().getList("errors").size(),
                    "the changed script itself is valid: " + scripts().prettify());
            // and a new flow runs the script as it is now: no confirmation any more
            chat.direct(u, "点单 摩卡");
            chat.direct(u, "1");
            assertTrue(chat.direct(u, "跳过").startsWith("已记录第 "));
        } finally {
            load("test-order.yaml", original);
            written.remove(script); // the test scripts' own file stays
        }
        assertTrue(chat.direct(u, "点单 摩卡").startsWith("摩卡要多大杯"));
    }

    // --- helpers

    /** Writes a script in one step (no half-written file is ever read) and waits until it was loaded. */
    JsonPath load(String name, String content) {
        long g = generation();
        Path target = DIR.resolve(name);
        try {
            Path tmp = DIR.resolve(name + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!written.contains(target)) {
            written.add(target);
        }
        return await(g, s -> true);
    }

    static long generation() {
        return scripts().getLong("generation");
    }

    static JsonPath scripts() {
        return admin().get("/api/bot/scripts").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath await(long after, Predicate<JsonPath> also) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath s = scripts();
            if (s.getLong("generation") > after && also.test(s)) {
                return s;
            }
            sleep();
        }
        throw new AssertionError("the scripts were not reloaded: " + scripts().prettify());
    }

    static JsonPath awaitErrors(Predicate<Map<String, Object>> error) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath s = scripts();
            List<Map<String, Object>> errors = s.getList("errors");
            if (errors.stream().anyMatch(error)) {
                return s;
            }
            sleep();
        }
        throw new AssertionError("no such error: " + scripts().prettify());
    }

    static Map<String, Object> errorOf(JsonPath s, String file) {
        List<Map<String, Object>> errors = s.getList("errors");
        return errors.stream()
                .filter(e -> file.equals(e.get("file")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + file + ": " + s.prettify()));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
