package io.tongxin.event;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tongxin.channel.ChannelType;
import io.tongxin.channel.MessageKind;
import io.tongxin.inbox.InboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hands a chat message to {@link InvitationReplies} in a transaction, as the inbox processor does. */
final class ChatSays {

    private ChatSays() {}

    static Optional<String> say(String channel, String chatId, String userId, String text) {
        InboundMessage m = new InboundMessage(
                1,
                channel,
                ChannelType.BRIDGE,
                MessageKind.TEXT,
                chatId,
                userId,
                "测试",
                null,
                text,
                List.of(),
                text.startsWith("@"),
                null,
                null,
                null,
                Instant.now(),
                Instant.now(),
                null,
                "{}",
                1,
                true);
        InvitationReplies handler =
                Arc.container().instance(InvitationReplies.class).get();
        if (!handler.claims(m)) {
            throw new AssertionError("not claimed: " + text);
        }
        return QuarkusTransaction.requiringNew().call(() -> handler.handle(m));
    }
}
