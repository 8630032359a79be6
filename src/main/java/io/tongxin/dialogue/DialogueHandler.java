package io.tongxin.dialogue;

import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelService;
import io.tongxin.inbox.InboundHandler;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.inbox.InboxWork;
import io.tongxin.inbox.RetryLater;
import io.tongxin.shared.KnownAbsent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bot on the inbox: every accepted message the scripts may answer runs through the
 * {@link DialogueEngine} in the inbox transaction, so the action's writes, the conversation state and
 * the message's processed mark commit together (a retried message never acts twice: actions are
 * idempotent per message). A message whose sender has an earlier one still waiting is deferred, so a
 * user's messages are handled in order.
 */
@ApplicationScoped
public class DialogueHandler implements InboundHandler {

    @Inject
    BotConfig config;

    @Inject
    DialogueEngine engine;

    @Inject
    Conversations conversations;

    @Inject
    ChannelService channels;

    @Inject
    Clock clock;

    @Inject
    io.tongxin.inbox.InboundCommands commands;

    @Inject
    KnownAbsent absent;

    @Inject
    io.tongxin.directory.Directory directory;

    @Inject
    ScriptRegistry registry;

    private Pattern channelKeys;

    @PostConstruct
    void compile() {
        channelKeys = Pattern.compile(config.channels());
    }

    @Override
    public boolean wants(InboundMessage m) {
        return config.enabled() && channelKeys.matcher(m.channelKey()).matches() && engine.mayAnswer(m);
    }

    /**
     * A sender's turns answer the questions the previous ones asked: they run in order. Asked only
     * when {@link #wants} said yes (the script triggers are matched once per message).
     */
    @Override
    public boolean ordered(InboundMessage m) {
        return true;
    }

    @Override
    public Optional<String> handle(InboundMessage m) {
        if (!wants(m) || commands.claimed(m)) {
            return Optional.empty(); // another handler's command is not the bot's to answer
        }
        if (!absent.absent(InboxWork.NO_EARLIER_OUTSIDE_BATCH, m.inboxId()) // the batch's own check said so
                && conversations.earlierUnfinished(m.inboxId(), m.channelKey(), m.chatId(), m.senderId())) {
            throw new RetryLater(config.orderRetry(), "an earlier message of the same sender is not processed yet");
        }
        Conversations.Key key = new Conversations.Key(m.channelKey(), m.chatId(), m.senderId(), false);
        Optional<Conversation> row = conversations.lockRow(key);
        Optional<Conversations.State> state = row.map(conversations::state);
        String language =
                channels.find(m.channelKey()).map(ChannelInfo::language).orElse("zh-CN");
        Decision d = engine.decide(m, state, language, false);
        apply(key, row, d, m.inboxId());
        if (d.replies().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(d.replies().stream().map(Decision.Reply::text).collect(Collectors.joining("\n")));
    }

    /**
     * A batch of the poller's: the conversations, and what the engine and its actions look up for
     * each sender, read once for all the messages the bot answers ({@link InboundHandler#prepare}).
     */
    @Override
    public void prepare(List<InboundMessage> batch) {
        List<InboundMessage> mine =
                batch.stream().filter(m -> wants(m) && !commands.claimed(m)).toList();
        if (mine.size() < 2) {
            return; // one lookup each is as cheap
        }
        conversations.prepare(mine.stream()
                .map(m -> new Conversations.Key(m.channelKey(), m.chatId(), m.senderId(), false))
                .toList());
        // the engine's member lookup and the actions' resident lookup, then whatever each action reads
        directory.prepareIdentities(mine.stream()
                .map(m -> new String[] {m.channelKey(), m.senderId()})
                .toList());
        for (DialogueAction a : registry.actions().values()) {
            a.prepare(mine);
        }
    }

    /** Writes what the engine decided about the conversation. */
    void apply(Conversations.Key key, Optional<Conversation> row, Decision d, long inboxId) {
        if (d.next().isPresent()) {
            conversations.save(key, row, d.next().get(), inboxId, clock.instant());
        } else if (row.isPresent() && d.touched()) {
            conversations.clear(row.get());
        }
    }
}
