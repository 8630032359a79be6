package io.tongxin.inbox;

import io.tongxin.channel.ChannelType;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.outbox.Content;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import io.tongxin.outbox.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a handler's reply through the outbox when it cannot go back in the webhook's answer: to the
 * chat the message came from (@-mentioning the sender), or to the sender directly. A WeCom smart
 * robot's reply uses the callback's {@code response_url} while it is valid, with the group's robot
 * webhook (from the directory) as the fallback.
 */
@ApplicationScoped
class InboxReplies {

    /** WeCom documents a smart robot's response_url as usable for an hour; keep a margin. */
    static final Duration RESPONSE_URL_VALIDITY = Duration.ofMinutes(55);

    /**
     * The longest reply answered inline, in UTF-8 bytes: a WeChat/WeCom passive text reply holds
     * 2048; a longer one goes through the outbox, which splits it at the platform's limits.
     */
    static final int INLINE_MAX_BYTES = 2000;

    @Inject
    Outbox outbox;

    static boolean fitsInline(String reply) {
        return reply.length() <= INLINE_MAX_BYTES / 3
                || reply.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= INLINE_MAX_BYTES;
    }

    @Inject
    Directory directory;

    /** Queues the reply in the caller's transaction; false when the channel cannot reach that chat or person. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean send(InboxMessage m, String reply) {
        Optional<Target> target = target(m);
        if (target.isEmpty()) {
            return false;
        }
        Content content = Content.text(reply);
        outbox.enqueue(OutboundMessage.of(
                "inbox:" + m.id + ":reply",
                m.channelKey,
                target.get(),
                m.chatId != null ? content.mentioningIfPossible(m.senderId) : content,
                Origin.of("inbox", Long.toString(m.id))));
        return true;
    }

    private Optional<Target> target(InboxMessage m) {
        String robot = m.chatId == null
                ? null
                : directory
                        .findGroupByChat(m.channelKey, m.chatId)
                        .map(GroupInfo::robotWebhookUrl)
                        .orElse(null);
        if (m.channelType == ChannelType.WECOM_BOT
                && m.responseUrl != null
                && (m.responseUrl.startsWith("https://") || m.responseUrl.startsWith("http://"))) {
            // the group's robot (if usable) is the fallback once the response_url is used or expired
            String fallback =
                    Outbox.robot(robot).map(r -> ((Target.Robot) r).key()).orElse(null);
            return Optional.of(Target.reply(m.responseUrl, m.receivedAt.plus(RESPONSE_URL_VALIDITY), fallback));
        }
        if (m.chatId == null) {
            return Outbox.reachable(m.channelType).contains("user")
                    ? Optional.of(Target.user(m.senderId))
                    : Optional.empty();
        }
        return Outbox.groupTarget(m.channelType, m.chatId, robot);
    }
}
