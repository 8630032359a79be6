package io.tongxin.dialogue;

import io.tongxin.channel.MessageKind;
import io.tongxin.dialogue.script.ReplyTemplate;
import io.tongxin.dialogue.script.Script;
import io.tongxin.dialogue.script.ScriptParser;
import io.tongxin.dialogue.script.ScriptSet;
import io.tongxin.dialogue.script.Trigger;
import io.tongxin.directory.Directory;
import io.tongxin.directory.MemberInfo;
import io.tongxin.inbox.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs the bot scripts on one message: goes on with the sender's flow when one waits for an answer,
 * else finds the first trigger that applies, fills slots, asks for what is missing, confirms, calls
 * the action and renders its reply in the conversation's language. It decides; the caller applies
 * the decision about the conversation state ({@link Decision#next}), so the playground can run the
 * same code in a transaction it rolls back and still keep its own conversation.
 */
@ApplicationScoped
public class DialogueEngine {

    private static final Logger LOG = Logger.getLogger(DialogueEngine.class);

    @Inject
    ScriptRegistry registry;

    @Inject
    Directory directory;

    @Inject
    Clock clock;

    /** Whether the bot would look at the message at all (cheap, no database). */
    public boolean mayAnswer(InboundMessage m) {
        if (m.senderId() == null || m.senderId().isBlank()) {
            return false;
        }
        ScriptSet set = registry.scripts();
        if (m.kind() == MessageKind.EVENT) {
            return m.event() != null
                    && set.ordered().stream()
                            .anyMatch(e -> e.trigger().kind() == Trigger.Kind.EVENT
                                    && e.trigger().event().equalsIgnoreCase(m.event()));
        }
        MessageKind kind = TriggerMatch.kindOf(m);
        if (TriggerMatch.isMedia(kind)) {
            String k = kind.wire();
            return (!m.inGroup() || m.mentionsBot())
                    && set.ordered().stream()
                            .anyMatch(e -> e.trigger().kind() == Trigger.Kind.MEDIA
                                    && e.trigger().words().contains(k));
        }
        if (kind != MessageKind.TEXT || m.text() == null || m.text().isBlank()) {
            return false;
        }
        if (!m.inGroup() || m.mentionsBot()) {
            return true;
        }
        String text = TriggerMatch.readText(m);
        for (ScriptSet.Entry e : set.ordered()) {
            if (e.trigger().bare() && TriggerMatch.matches(e.trigger(), text) != null) {
                return true;
            }
        }
        return false;
    }

    /** {@link #mayAnswer}, for the playground: the same rule without the channel filter. */
    boolean mayAnswerScripts(InboundMessage m) {
        return mayAnswer(m);
    }

    /** Decides the answer to a message; {@code state} is the sender's conversation, read with a lock. */
    public Decision decide(
            InboundMessage m, Optional<Conversations.State> state, String channelLanguage, boolean dryRun) {
        ScriptSet set = registry.scripts();
        Script help = set.help();
        String text = TriggerMatch.readText(m);
        MessageKind kind = TriggerMatch.kindOf(m);
        boolean addressed = !m.inGroup() || m.mentionsBot() || m.kind() == MessageKind.EVENT;
        Optional<MemberInfo> member = directory.memberByIdentity(m.channelKey(), m.senderId());
        Set<Role> roles = roles(member);
        boolean unverifiedMember = !m.senderVerified() && member.isPresent();
        Instant now = clock.instant();
        String prefix = null;
        boolean consumed = false;
        String language = channelLanguage;

        if (state.isPresent()) {
            Conversations.State s = state.get();
            Optional<Script> script = set.find(s.scriptId());
            if (!s.expiresAt().isAfter(now)) {
                prefix = render(help, "timeout", s.language(), vars(help, m, Map.of()));
                consumed = true;
            } else if (script.isEmpty() || !waitsAt(script.get(), s)) {
                // its script was removed, renamed, or reloaded without the question it waits on: the flow
                // ends quietly (never an action the sender did not confirm) and the text is read afresh
                consumed = true;
            } else if (TriggerMatch.isMedia(kind)) {
                // a photo while a flow waits for an answer: the flow goes on (the photo is attached to
                // the report by the media room); nothing to say
                return Decision.none();
            } else if (addressed && kind == MessageKind.TEXT) {
                language = s.language();
                Turn turn = new Turn(m, text, language, member, roles, addressed, dryRun, help, set.system(), now);
                turn.continuing = true;
                if (set.system().cancel().contains(TriggerMatch.word(text))) {
                    return turn.reply(help, "cancelled", Map.of(), s.scriptId(), Optional.empty());
                }
                return turn.answer(script.get(), s);
            }
        }
        Turn turn = new Turn(m, text, language, member, roles, addressed, dryRun, help, set.system(), now);
        turn.continuing = consumed;
        for (ScriptSet.Entry e : set.ordered()) {
            Script script = e.script();
            if (!TriggerMatch.applies(script.scope(), m, roles)
                    || (m.inGroup() && !addressed && !e.trigger().bare())) {
                continue;
            }
            Map<String, String> slots = TriggerMatch.slots(e.trigger(), m, kind, text);
            if (slots == null) {
                continue;
            }
            if (!m.senderVerified() && (unverifiedMember || script.scope().verifiedSender())) {
                return turn.withPrefix(
                        prefix, turn.reply(help, "unverified-sender", Map.of(), script.id(), Optional.empty()));
            }
            Decision d = turn.start(script, e.trigger(), new LinkedHashMap<>(slots));
            if (d != null) {
                return turn.withPrefix(prefix, d);
            }
        }
        if (prefix != null) {
            return new Decision(List.of(turn.reply(prefix)), List.of(), help.id(), Optional.empty(), true);
        }
        return consumed ? new Decision(List.of(), List.of(), null, Optional.empty(), true) : Decision.none();
    }

    /** Whether the script (perhaps reloaded since) still has the question the conversation waits on. */
    static boolean waitsAt(Script script, Conversations.State s) {
        List<Script.Step> steps = script.steps();
        if ("confirm".equals(s.awaiting())) {
            return s.step() >= 1
                    && s.step() <= steps.size()
                    && (steps.get(s.step() - 1) instanceof Script.Confirm
                            || steps.get(s.step() - 1) instanceof Script.Check c
                                    && c.on().values().stream()
                                            .anyMatch(o -> o.kind() == Script.OnOutcome.Kind.CONFIRM));
        }
        return s.step() < steps.size()
                && steps.get(s.step()) instanceof Script.Ask ask
                && !s.slots().containsKey(ask.slot());
    }

    private Set<Role> roles(Optional<MemberInfo> member) {
        if (member.isEmpty()) {
            return EnumSet.of(Role.RESIDENT);
        }
        MemberInfo m = member.get();
        boolean heads = m.workstationCode() != null
                && directory
                        .workstationHead(m.workstationCode())
                        .map(h -> h.code().equals(m.code()))
                        .orElse(false);
        return heads ? EnumSet.of(Role.MEMBER, Role.ORGANIZER) : EnumSet.of(Role.MEMBER);
    }

    private Map<String, Object> vars(Script script, InboundMessage m, Map<String, String> slots) {
        Map<String, Object> vars = new HashMap<>();
        for (String s : script.slots()) {
            vars.put(s, slots.getOrDefault(s, ""));
        }
        vars.put("sender", m.senderName() == null ? "" : m.senderName());
        vars.put("chat", m.inGroup() ? "group" : "direct");
        return vars;
    }

    private static String render(Script script, String template, String language, Map<String, Object> vars) {
        ReplyTemplate t = script.templates().get(template);
        Map<String, Object> all = new HashMap<>(vars);
        all.put("language", language);
        return t.render(language, all);
    }

    /** One message's run through a script. */
    private final class Turn {
        final InboundMessage m;
        final String text;
        final String language;
        final ActionContext context;
        final Script help;
        final ScriptParser.SystemWords words;
        final Instant now;
        /** Whether the sender's stored conversation is being answered (or was used up): it is then rewritten. */
        boolean continuing;
        /** For a script without an action: the template the trigger that started it answers with. */
        String replyTemplate = "reply";
        /** Slots the trigger filled: checked against their ask step's pattern or choices when the flow reaches it. */
        final Set<String> fromTrigger = new java.util.HashSet<>();

        Turn(
                InboundMessage m,
                String text,
                String language,
                Optional<MemberInfo> member,
                Set<Role> roles,
                boolean addressed,
                boolean dryRun,
                Script help,
                ScriptParser.SystemWords words,
                Instant now) {
            this.m = m;
            this.text = text;
            this.language = language;
            this.context = new ActionContext(
                    m, text, language, m.senderVerified() ? member : Optional.empty(), roles, addressed, dryRun);
            this.help = help;
            this.words = words;
            this.now = now;
        }

        Decision.Reply reply(String text) {
            return new Decision.Reply(text, m.inGroup() ? List.of(m.senderId()) : List.of());
        }

        Decision reply(
                Script script,
                String template,
                Map<String, Object> extra,
                String scriptId,
                Optional<Conversations.State> next) {
            Map<String, Object> v = new HashMap<>(vars(script, m, Map.of()));
            v.putAll(extra);
            return new Decision(
                    List.of(reply(render(script, template, language, v))),
                    context.effects(),
                    scriptId,
                    next,
                    continuing || next.isPresent());
        }

        Decision withPrefix(String prefix, Decision d) {
            if (prefix == null) {
                return d;
            }
            List<Decision.Reply> replies = new ArrayList<>();
            if (d.replies().isEmpty()) {
                replies.add(reply(prefix));
            } else {
                Decision.Reply first = d.replies().get(0);
                replies.add(new Decision.Reply(prefix + "\n" + first.text(), first.mentions()));
                replies.addAll(d.replies().subList(1, d.replies().size()));
            }
            return new Decision(replies, d.effects(), d.script(), d.next(), d.touched() || continuing);
        }

        /** Starts a script from its trigger's slots; null when its action passed (try the next script). */
        Decision start(Script script, Trigger trigger, Map<String, String> slots) {
            this.replyTemplate = trigger.reply() == null ? "reply" : trigger.reply();
            fromTrigger.addAll(slots.keySet());
            return run(script, slots, 0, true);
        }

        /** The sender answered the question their flow asked. */
        Decision answer(Script script, Conversations.State s) {
            Map<String, String> slots = new LinkedHashMap<>(s.slots());
            if ("confirm".equals(s.awaiting())) {
                String t = TriggerMatch.word(text);
                if (words.yes().contains(t)) {
                    return run(script, slots, s.step(), false);
                }
                if (words.no().contains(t)) {
                    return reply(help, "cancelled", Map.of(), script.id(), Optional.empty());
                }
                return retry(script, s, slots, help, "confirm-retry", 2);
            }
            if (s.step() >= script.steps().size() || !(script.steps().get(s.step()) instanceof Script.Ask ask)) {
                return run(script, slots, s.step(), false); // the script changed under the flow: go on from here
            }
            String answer = text;
            if (ask.optional() && words.skip().contains(TriggerMatch.word(answer))) {
                slots.put(ask.slot(), "");
                return run(script, slots, s.step() + 1, false);
            }
            Optional<String> value = accept(script, ask, answer, slots);
            if (value.isEmpty()) {
                return ask.retry() == null
                        ? retry(script, s, slots, help, "gave-up", 0)
                        : retry(script, s, slots, script, ask.retry(), ask.retries());
            }
            slots.put(ask.slot(), value.get());
            return run(script, slots, s.step() + 1, false);
        }

        private Optional<String> accept(Script script, Script.Ask ask, String answer, Map<String, String> slots) {
            if (answer.isEmpty() || ChatText.length(answer) > ScriptParser.MAX_MATCH_LENGTH) {
                return Optional.empty();
            }
            List<Script.Choice> choices = choices(script, ask, slots);
            if (!choices.isEmpty()) {
                String a = answer.strip();
                for (int i = 0; i < choices.size(); i++) {
                    Script.Choice c = choices.get(i);
                    if (a.equals(String.valueOf(i + 1))
                            || a.equalsIgnoreCase(c.label())
                            || a.equalsIgnoreCase(c.value())) {
                        return Optional.of(c.value());
                    }
                }
                return Optional.empty();
            }
            if (ask.pattern() != null
                    && !ask.pattern().compiled().matcher(answer).matches()) {
                return Optional.empty();
            }
            return Optional.of(answer);
        }

        private Decision retry(
                Script script,
                Conversations.State s,
                Map<String, String> slots,
                Script from,
                String template,
                int limit) {
            if (s.retries() + 1 > limit) {
                return reply(help, "gave-up", Map.of(), script.id(), Optional.empty());
            }
            Conversations.State next = new Conversations.State(
                    s.scriptId(), s.step(), s.awaiting(), slots, s.retries() + 1, language, now.plus(words.expiry()));
            Map<String, Object> extra = new HashMap<>(vars(script, m, slots));
            if (s.step() < script.steps().size() && script.steps().get(s.step()) instanceof Script.Ask ask) {
                List<Script.Choice> choices = choices(script, ask, slots);
                if (!ask.choices().isEmpty() || ask.choicesFrom() != null) {
                    extra.put("choices", numbered(choices)); // also when empty: the prompt names it
                }
            }
            return reply(from, template, extra, script.id(), Optional.of(next));
        }

        private List<Script.Choice> choices(Script script, Script.Ask ask, Map<String, String> slots) {
            if (!ask.choices().isEmpty()) {
                return ask.choices();
            }
            if (ask.choicesFrom() == null) {
                return List.of();
            }
            Outcome o = call(ask.choicesFrom(), slots);
            Object list = o.vars().get("choices");
            List<Script.Choice> out = new ArrayList<>();
            if (list instanceof List<?> l) {
                for (Object x : l) {
                    if (x instanceof Map<?, ?> c) {
                        out.add(new Script.Choice(String.valueOf(c.get("value")), String.valueOf(c.get("label"))));
                    }
                }
            }
            return out;
        }

        /** Runs the flow from step {@code from}: asks, checks, confirms, and at the end the action. */
        private Decision run(Script script, Map<String, String> slots, int from, boolean fresh) {
            List<Script.Step> steps = script.steps();
            for (int i = from; i < steps.size(); i++) {
                Script.Step step = steps.get(i);
                if (step instanceof Script.Ask ask) {
                    if (fromTrigger.remove(ask.slot())) {
                        // the trigger's words are an answer like any other: a choice by its label, a pattern
                        Optional<String> value = accept(script, ask, slots.get(ask.slot()), slots);
                        if (value.isPresent()) {
                            slots.put(ask.slot(), value.get());
                        } else {
                            slots.remove(ask.slot());
                        }
                    }
                    if (slots.containsKey(ask.slot())) {
                        continue;
                    }
                    Map<String, Object> extra = new HashMap<>(vars(script, m, slots));
                    List<Script.Choice> choices = choices(script, ask, slots);
                    if (!ask.choices().isEmpty() || ask.choicesFrom() != null) {
                        extra.put("choices", numbered(choices)); // also when empty: the prompt names it
                    }
                    return reply(
                            script, ask.prompt(), extra, script.id(), Optional.of(waiting(script, i, "slot", slots)));
                } else if (step instanceof Script.Check check) {
                    Outcome o = call(check.call(), slots);
                    if (Outcome.PASS.equals(o.name())) {
                        if (fresh) {
                            return null;
                        }
                        continue;
                    }
                    slots.putAll(o.slots());
                    Script.OnOutcome on = check.on().get(o.name());
                    if (on == null || on.kind() == Script.OnOutcome.Kind.CONTINUE) {
                        continue;
                    }
                    Map<String, Object> extra = new HashMap<>(vars(script, m, slots));
                    extra.putAll(o.vars());
                    if (on.kind() == Script.OnOutcome.Kind.REPLY) {
                        return reply(script, on.template(), extra, script.id(), Optional.empty());
                    }
                    return reply(
                            script,
                            on.template(),
                            extra,
                            script.id(),
                            Optional.of(waiting(script, i + 1, "confirm", slots)));
                } else if (step instanceof Script.Confirm confirm) {
                    return reply(
                            script,
                            confirm.template(),
                            vars(script, m, slots),
                            script.id(),
                            Optional.of(waiting(script, i + 1, "confirm", slots)));
                }
            }
            if (script.action() == null) {
                return reply(script, replyTemplate, vars(script, m, slots), script.id(), Optional.empty());
            }
            Outcome o = call(script.action(), slots);
            if (Outcome.PASS.equals(o.name()) && fresh) {
                return null;
            }
            if (Outcome.PASS.equals(o.name()) || Outcome.SILENT.equals(o.name())) {
                return new Decision(List.of(), context.effects(), script.id(), Optional.empty(), continuing);
            }
            if (!script.templates().containsKey(o.name())) {
                LOG.errorf(
                        "bot script %s: action %s answered %s, which has no template",
                        script.id(), script.action().name(), o.name());
                return reply(help, "fallback", Map.of(), script.id(), Optional.empty());
            }
            Map<String, Object> extra = new HashMap<>(vars(script, m, slots));
            extra.putAll(o.vars());
            return reply(script, o.name(), extra, script.id(), Optional.empty());
        }

        private Conversations.State waiting(Script script, int step, String awaiting, Map<String, String> slots) {
            return new Conversations.State(
                    script.id(), step, awaiting, new LinkedHashMap<>(slots), 0, language, now.plus(words.expiry()));
        }

        private Outcome call(Script.Call call, Map<String, String> slots) {
            DialogueAction action = registry.actions().get(call.name());
            Map<String, String> args = new HashMap<>();
            for (var a : call.args().entrySet()) {
                String v = slots.get(a.getValue());
                if (v != null) {
                    args.put(a.getKey(), v);
                }
            }
            try {
                Outcome o = action.run(context, args);
                return o == null ? Outcome.silent() : o;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("bot action " + call.name() + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static List<Map<String, Object>> numbered(List<Script.Choice> choices) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            out.add(Map.of(
                    "n",
                    i + 1,
                    "value",
                    choices.get(i).value(),
                    "label",
                    choices.get(i).label()));
        }
        return out;
    }
}
