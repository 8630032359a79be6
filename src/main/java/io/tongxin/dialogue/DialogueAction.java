package io.tongxin.dialogue;

import java.util.Map;
import java.util.Set;

/**
 * A named piece of Java a bot script calls ({@code action: {name: create-opinion, args: {...}}} or a
 * {@code check} step): everything the bot does, while all it says lives in {@code bot-scripts/}.
 * Implementations are {@code @ApplicationScoped} beans in the feature they act for; the engine finds
 * them by {@link #name()}.
 *
 * <p>An action answers with an {@link Outcome}: its name picks the reply template ({@code created},
 * {@code not-found}, ...), its variables fill it. {@link #outcomes()} declares every outcome with a
 * sample of its variables, so a script's templates are rendered against them when the script loads:
 * a template naming a variable the action does not give, or an outcome without a template, is a load
 * error rather than a broken reply in a resident's chat.
 *
 * <p>Actions run in the inbox transaction of the message (their writes and the message's processed
 * mark commit together) and must be idempotent per message. When {@link ActionContext#dryRun()} is
 * set (the playground, {@code POST /api/bot/simulate}) they change nothing that outlives the
 * transaction (it is rolled back anyway) and must not consume numbers: they describe what they would
 * do with {@link ActionContext#effect}.
 */
public interface DialogueAction {

    /** The name scripts call it by, in kebab case ({@code create-opinion}). */
    String name();

    /** The argument names the action takes; a script passing another one is refused at load time. */
    Set<String> parameters();

    /** The arguments that must be given (a subset of {@link #parameters()}). */
    default Set<String> required() {
        return Set.of();
    }

    /**
     * Every outcome the action can answer, with sample variables (strings, numbers, booleans, lists of
     * maps) a template may use. {@link Outcome#PASS} and {@link Outcome#SILENT} need not be listed.
     */
    Map<String, Map<String, Object>> outcomes();

    Outcome run(ActionContext context, Map<String, String> args) throws Exception;

    /**
     * Before a batch of messages is answered in one transaction (the inbox poller's), whether or not
     * this action will run for them: the action may read what it looks up per message for all of them
     * at once ({@link io.tongxin.inbox.InboundHandler#prepare}); it must not write. Default: nothing.
     */
    default void prepare(java.util.List<io.tongxin.inbox.InboundMessage> batch) {}
}
