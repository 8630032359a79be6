package io.tongxin.dialogue.script;

import io.tongxin.channel.ChannelType;
import io.tongxin.dialogue.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loaded bot script: where it applies, what starts it, the slots it asks for, the action it
 * ends with and its reply templates (compiled, per language). Immutable; a reload builds new ones.
 */
public record Script(
        String id,
        String file,
        int line,
        String description,
        int priority,
        Scope scope,
        List<Trigger> triggers,
        List<Step> steps,
        Set<String> slots,
        Call action,
        Map<String, ReplyTemplate> templates) {

    /** Where a script applies. Empty sets mean any. */
    public record Scope(Chat chat, Set<Role> roles, Set<ChannelType> channelTypes, boolean verifiedSender) {

        public boolean overlaps(Scope o) {
            boolean chats = chat == Chat.ANY || o.chat == Chat.ANY || chat == o.chat;
            boolean r = roles.isEmpty() || o.roles.isEmpty() || roles.stream().anyMatch(o.roles::contains);
            boolean t = channelTypes.isEmpty()
                    || o.channelTypes.isEmpty()
                    || channelTypes.stream().anyMatch(o.channelTypes::contains);
            return chats && r && t;
        }
    }

    public enum Chat {
        GROUP,
        DIRECT,
        ANY
    }

    /** A call of a Java action: its name and, per parameter, the slot that gives the value. */
    public record Call(String name, Map<String, String> args, int line) {}

    /** What a check step's outcome does: go on, end with a reply, or ask the sender to confirm first. */
    public record OnOutcome(Kind kind, String template) {
        public enum Kind {
            CONTINUE,
            REPLY,
            CONFIRM
        }
    }

    /** A step of the flow. */
    public sealed interface Step permits Ask, Check, Confirm {
        int line();
    }

    /**
     * Ask for a slot (skipped when it is already filled, e.g. from the trigger). {@code choices}: a
     * fixed list, or {@code choicesFrom} names an action answering {@code choices}.
     */
    public record Ask(
            String slot,
            String prompt,
            Pattern pattern,
            String retry,
            int retries,
            boolean optional,
            List<Choice> choices,
            Call choicesFrom,
            int line)
            implements Step {}

    /** One allowed answer: what is stored in the slot, and what the sender sees and may answer. */
    public record Choice(String value, String label) {}

    /** Run an action that decides how the flow goes on (and may fill slots). */
    public record Check(Call call, Map<String, OnOutcome> on, int line) implements Step {}

    /** Ask "yes or no" with a template; no ends the flow with the {@code cancelled} reply. */
    public record Confirm(String template, int line) implements Step {}

    /** A validation pattern or trigger regex: linear time (RE2J), and the source for display. */
    public record Pattern(String source, com.google.re2j.Pattern compiled, Set<String> groups) {}
}
