package io.tongxin.dialogue;

import io.tongxin.directory.MemberInfo;
import io.tongxin.inbox.InboundMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an action knows about the message it acts on: the message (for the playground a synthetic one
 * with {@code inboxId} 0), who sent it, the reply language, and whether this is a dry run.
 */
public final class ActionContext {

    /** One thing an action did, or in a dry run would do: {@code create-opinion} with its details. */
    public record Effect(String action, Map<String, Object> details) {}

    private final InboundMessage message;
    private final String text;
    private final String language;
    private final Optional<MemberInfo> member;
    private final Set<Role> roles;
    private final boolean addressed;
    private final boolean dryRun;
    private final List<Effect> effects = new ArrayList<>();

    public ActionContext(
            InboundMessage message,
            String text,
            String language,
            Optional<MemberInfo> member,
            Set<Role> roles,
            boolean addressed,
            boolean dryRun) {
        this.message = message;
        this.text = text;
        this.language = language;
        this.member = member;
        this.roles = roles;
        this.addressed = addressed;
        this.dryRun = dryRun;
    }

    public InboundMessage message() {
        return message;
    }

    /** The message's text as the bot reads it: @-mentions around it removed, trimmed (may be empty). */
    public String text() {
        return text;
    }

    /** The reply language: the channel's ({@code zh-CN} or {@code en}). */
    public String language() {
        return language;
    }

    /** The committee member the sender's identity belongs to, when it does (and the sender is verified). */
    public Optional<MemberInfo> member() {
        return member;
    }

    public Set<Role> roles() {
        return roles;
    }

    /** Whether the message was addressed to the bot: a direct chat, or an @-mention in a group. */
    public boolean addressed() {
        return addressed;
    }

    /** The playground: change nothing, consume no numbers, describe the effects instead. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Records what the action did (or, in a dry run, would do); the playground answers these. */
    public void effect(String action, Map<String, Object> details) {
        effects.add(new Effect(action, new LinkedHashMap<>(details)));
    }

    public List<Effect> effects() {
        return List.copyOf(effects);
    }
}
