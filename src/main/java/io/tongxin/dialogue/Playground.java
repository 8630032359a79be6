package io.tongxin.dialogue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelService;
import io.tongxin.channel.MessageKind;
import io.tongxin.inbox.InboundMessage;
import io.tongxin.inbox.RetryLater;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/bot/simulate}: the real scripts and actions on a made-up message, in a transaction
 * that is always rolled back (so nothing is changed or sent, whatever an action does), with the
 * actions in dry-run mode (they consume no numbers and describe their effects). The playground's
 * conversations are kept apart from real users' (sandbox rows), so a multi-turn flow can be tried
 * step by step.
 */
@ApplicationScoped
class Playground {

    /** A message to try. {@code chatId} null: a direct chat. */
    record Try(
            String channelKey,
            String chatId,
            String userId,
            String userName,
            String text,
            String event,
            boolean mentionsBot) {}

    @Inject
    DialogueEngine engine;

    @Inject
    Conversations conversations;

    @Inject
    ChannelService channels;

    @Inject
    Clock clock;

    Decision simulate(Try t) {
        ChannelInfo channel = channels.find(t.channelKey())
                .orElseThrow(
                        () -> DomainException.invalidField("channelKey", "no channel has the key " + t.channelKey()));
        Instant now = clock.instant();
        boolean inGroup = t.chatId() != null;
        InboundMessage m = new InboundMessage(
                0,
                channel.key(),
                channel.type(),
                t.event() != null ? MessageKind.EVENT : MessageKind.TEXT,
                t.chatId(),
                t.userId(),
                t.userName(),
                null,
                t.text(),
                List.of(),
                inGroup && t.mentionsBot(),
                t.event(),
                null,
                null,
                now,
                now,
                null,
                "",
                1,
                true,
                java.util.List.of());
        Conversations.Key key = new Conversations.Key(channel.key(), t.chatId(), t.userId(), true);
        Decision d;
        boolean existed;
        // rolled back explicitly: a transaction only marked rollback-only would fail its commit
        QuarkusTransaction.begin();
        try {
            Optional<Conversations.State> state = conversations.lock(key);
            existed = state.isPresent();
            d = engine.mayAnswerScripts(m) ? engine.decide(m, state, channel.language(), true) : Decision.none();
        } finally {
            QuarkusTransaction.rollback();
        }
        boolean clear = existed && d.touched();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (d.next().isPresent()) {
                    conversations.save(key, d.next().get(), 0, clock.instant());
                } else if (clear) {
                    conversations.clear(key);
                }
            });
        } catch (RetryLater concurrent) {
            // another request of the same user started this sandbox conversation at the same moment:
            // nothing was saved; the caller may simply send the message again
            throw DomainException.conflict(
                    "another message of this user started the conversation at the same time; send it again");
        }
        return d;
    }
}
