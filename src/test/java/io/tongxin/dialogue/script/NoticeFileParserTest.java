package io.tongxin.dialogue.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Notice files ({@code notices:}): what loads, and each refusal with its line. */
class NoticeFileParserTest {

    private static final ScriptParser PARSER = new ScriptParser(
            Map.of(),
            Map.of("demo.hello", List.of(Map.of("name", "王委员", "late", true), Map.of("name", "王委员", "late", false))));

    private static ScriptError refused(String yaml) {
        return assertThrows(ScriptError.class, () -> PARSER.parse("notices-demo.yaml", yaml));
    }

    @Test
    void shouldLoadANoticeFileAndWordEachLanguageOnItsOwn() throws Exception {
        var parsed = PARSER.parse("notices-demo.yaml", """
                id: notices-demo
                description: demo
                notices:
                  demo.hello:
                    zh-CN: '{#if late}【即将超时】{/if}{name}您好'
                    en: '{#if late}[Late] {/if}Hello {name}'
                """);
        assertNull(parsed.script());
        ReplyTemplate t = parsed.notices().templates().get("demo.hello");
        assertEquals(4, t.line()); // its key's line, as for script templates
        assertEquals("【即将超时】王委员您好", t.render("zh-CN", Map.of("name", "王委员", "late", true)));
        assertEquals("Hello Li", t.render("en", Map.of("name", "Li", "late", false)));
    }

    @Test
    void shouldRefuseAVariableNoSampleHasEvenInABranchOnlyOneSampleTakes() {
        ScriptError e = refused("""
                id: notices-demo
                notices:
                  demo.hello:
                    zh-CN: '{name}您好'
                    en: '{#if late}Hello {name}{#else}Hi {nickname}{/if}'
                """);
        assertEquals(5, e.line(), e.getMessage()); // the line of the language that uses it
        assertTrue(e.reason().contains("(en)") && e.reason().contains("nickname"), e.getMessage());
    }

    @Test
    void shouldRefuseAKeyNoFeatureSendsAMissingLanguageAndTriggers() {
        ScriptError unknown = refused("""
                id: notices-demo
                notices:
                  demo.helo:
                    zh-CN: 您好
                    en: Hello
                """);
        assertEquals(3, unknown.line());
        assertTrue(unknown.reason().contains("no feature sends the notice 'demo.helo'"), unknown.getMessage());

        ScriptError noEnglish = refused("""
                id: notices-demo
                notices:
                  demo.hello:
                    zh-CN: 您好
                """);
        assertEquals(3, noEnglish.line()); // at the notice's key
        assertTrue(noEnglish.reason().contains("has no en text"), noEnglish.getMessage());

        ScriptError triggers = refused("""
                id: notices-demo
                triggers:
                  - command: 你好
                notices:
                  demo.hello:
                    zh-CN: 您好
                    en: Hello
                """);
        assertEquals(2, triggers.line());
        assertTrue(
                triggers.reason().contains("a notice file holds only id, description and notices"),
                triggers.getMessage());

        ScriptError syntax = refused("""
                id: notices-demo
                notices:
                  demo.hello:
                    zh-CN: |-
                      第一行
                      {#if late}没有结束
                    en: Hello
                """);
        assertEquals(6, syntax.line(), syntax.getMessage());
    }
}
