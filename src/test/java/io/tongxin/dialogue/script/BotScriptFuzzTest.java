package io.tongxin.dialogue.script;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tongxin.dialogue.DialogueAction;
import io.tongxin.dialogue.Outcome;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target for the bot-script loader ({@link ScriptParser} with {@link YamlTree},
 * {@link TriggerReader}, {@link ScriptTemplates}, {@link NoticeFileReader}): any text as a script file
 * is a script or a {@link ScriptError} with the file and line, never another exception, however deep,
 * aliased or large the YAML. The parser knows the service's real actions (so the shipped scripts in
 * the corpus load fully) and the test scripts' {@code test-record} and {@code test-gate}. Corpus:
 * {@code src/test/resources/io/tongxin/dialogue/script/BotScriptFuzzTestInputs/botScript/}.
 */
class BotScriptFuzzTest {

    private static final List<String> ACTION_CLASSES = List.of(
            "io.tongxin.event.OwnRegistrations",
            "io.tongxin.event.ConfirmForwarding",
            "io.tongxin.event.AnswerInvitation",
            "io.tongxin.event.CheckSignUp",
            "io.tongxin.event.CancelRegistrationByChat",
            "io.tongxin.event.SignUpByChat",
            "io.tongxin.event.CheckInByChat",
            "io.tongxin.opinion.intake.CommunityChoices",
            "io.tongxin.opinion.intake.DescribeReport",
            "io.tongxin.opinion.intake.RateOpinion",
            "io.tongxin.opinion.intake.MyTasks",
            "io.tongxin.opinion.intake.ClassifyConcern",
            "io.tongxin.opinion.intake.MemberOpinionCommand",
            "io.tongxin.opinion.intake.CreateOpinion",
            "io.tongxin.opinion.intake.OpinionStatusAction");

    private static final ScriptParser PARSER = new ScriptParser(actions());

    @FuzzTest(maxDuration = "60s")
    void botScript(byte[] input) {
        String content = new String(input, StandardCharsets.UTF_8);
        try {
            ScriptParser.Parsed parsed = PARSER.parse("fuzz.yaml", content);
            if (parsed.script() == null && parsed.notices() == null) {
                throw new AssertionError("a parsed file is a script or a notice file");
            }
        } catch (ScriptError e) {
            if (!"fuzz.yaml".equals(e.file()) || e.reason() == null || e.line() < 0) {
                throw new AssertionError("a script error names the file, a line and a reason", e);
            }
        }
    }

    /** The service's actions, made without CDI (only their names, parameters and outcomes are read). */
    static Map<String, DialogueAction> actions() {
        Map<String, DialogueAction> actions = new HashMap<>();
        for (String name : ACTION_CLASSES) {
            try {
                Class<?> c = Class.forName(name);
                add(actions, c);
                for (Class<?> inner : c.getDeclaredClasses()) {
                    add(actions, inner);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("action class " + name + " is gone: update the fuzz target", e);
            }
        }
        actions.put(
                "test-record",
                new Fake(
                        "test-record",
                        Set.of("what", "size", "note"),
                        Map.of("recorded", Map.of("ref", 1, "what", "示例"))));
        actions.put("test-gate", new Fake("test-gate", Set.of("item"), Map.of("open", Map.of(), "sold-out", Map.of())));
        return actions;
    }

    private static void add(Map<String, DialogueAction> actions, Class<?> c) throws ReflectiveOperationException {
        if (!DialogueAction.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
            return;
        }
        Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        DialogueAction a = (DialogueAction) k.newInstance();
        actions.put(a.name(), a);
    }

    private record Fake(String name, Set<String> parameters, Map<String, Map<String, Object>> outcomes)
            implements DialogueAction {
        @Override
        public Outcome run(io.tongxin.dialogue.ActionContext context, Map<String, String> args) {
            return Outcome.silent();
        }
    }
}
