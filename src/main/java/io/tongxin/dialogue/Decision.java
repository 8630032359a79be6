package io.tongxin.dialogue;

import java.util.List;
import java.util.Optional;

/**
 * What the {@link DialogueEngine} decided about one message.
 *
 * @param replies what the bot says (at most one today)
 * @param effects what the actions did, or in a dry run would do
 * @param script  the script that answered, or null
 * @param next    the conversation afterwards: a state to save, or empty to clear it
 * @param touched whether the conversation state must be written at all (save or clear)
 */
public record Decision(
        List<Reply> replies,
        List<ActionContext.Effect> effects,
        String script,
        Optional<Conversations.State> next,
        boolean touched) {

    /** One reply: its text and whom it @-mentions (the sender, in a group). */
    public record Reply(String text, List<String> mentions) {}

    public static Decision none() {
        return new Decision(List.of(), List.of(), null, Optional.empty(), false);
    }
}
