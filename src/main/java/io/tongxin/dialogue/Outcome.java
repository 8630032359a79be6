package io.tongxin.dialogue;

import java.util.Map;

/**
 * What an action answered.
 *
 * @param name  the outcome; picks the reply template of the same name (or the step's handling).
 *              {@link #PASS}: the message was not for this script after all (a bare digit that rates
 *              nothing), matching goes on with the next script; {@link #SILENT}: handled, no reply.
 * @param vars  variables for the reply template
 * @param slots slot values the action filled (a check step that found the sender's community)
 */
public record Outcome(String name, Map<String, Object> vars, Map<String, String> slots) {

    public static final String PASS = "pass";
    public static final String SILENT = "silent";

    public Outcome {
        vars = vars == null ? Map.of() : vars;
        slots = slots == null ? Map.of() : slots;
    }

    public static Outcome of(String name) {
        return new Outcome(name, Map.of(), Map.of());
    }

    public static Outcome of(String name, Map<String, Object> vars) {
        return new Outcome(name, vars, Map.of());
    }

    public static Outcome pass() {
        return of(PASS);
    }

    public static Outcome silent() {
        return of(SILENT);
    }
}
