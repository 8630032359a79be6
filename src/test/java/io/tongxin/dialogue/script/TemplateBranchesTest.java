package io.tongxin.dialogue.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A template's variables are checked in every branch, not only in those the load-time sample renders:
 * an unknown variable in an {@code {#else}} that the sample never takes is a load error too (found
 * trying the README tour: a misspelt variable in a direct-chat branch loaded, then failed every reply).
 */
class TemplateBranchesTest {

    private static final ScriptParser PARSER = new ScriptParser(Map.of());

    @Test
    void shouldRefuseAnUnknownVariableInABranchTheSampleDoesNotTake() {
        ScriptError e = assertThrows(ScriptError.class, () -> PARSER.parse("demo.yaml", """
                id: demo
                triggers: [{command: 你好}]
                templates:
                  reply:
                    zh-CN: "{#if chat == 'group'}大家好{#else}{residentName}您好{/if}"
                    en: Hello
                """));
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(
                e.reason().contains("unknown variable 'residentName'")
                        && e.reason().contains("(zh-CN)"),
                e.getMessage());
    }

    @Test
    void shouldAcceptLoopAndLetNamesAndLoopMetadata() throws Exception {
        ScriptParser.Parsed p = PARSER.parse("demo.yaml", """
                id: demo
                triggers: [{command: 你好}]
                templates:
                  reply:
                    zh-CN: "{#let who=sender}{who}{/let}{#for w in 2}{w}{w_count}{/for}{#each 2}{it}{it_index}{/each}"
                    en: "{#if chat == 'direct'}{sender}{#else}{language}{/if}"
                """);
        assertEquals("demo", p.script().id());
    }
}
