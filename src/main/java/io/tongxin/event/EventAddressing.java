package io.tongxin.event;

import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelService;
import io.tongxin.dialogue.Notice;
import io.tongxin.dialogue.Notices;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.directory.MemberInfo;
import io.tongxin.outbox.Content;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import io.tongxin.outbox.Target;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the event feature reaches people and groups: it builds outbox messages (it does not enqueue
 * them, so a caller can write thousands with one {@link Outbox#enqueueAll}); empty when the person or
 * group cannot be reached, which callers record rather than fail on.
 * <ul>
 * <li>a group: its chat where the channel reaches chats, else its robot webhook
 * ({@link Outbox#groupTarget});</li>
 * <li>a member: their user id on the preferred channel if they have one there, else their first
 * identity on a channel that can message a person;</li>
 * <li>a registrant: a direct message where the platform allows it, else their group with an
 * @-mention; an API registration without a chat identity cannot be reached.</li>
 * </ul>
 * A {@link Notice} is worded ({@link Notices}) in the language of the channel it goes out on, one
 * language per message. Every text is masked for phone numbers as a last line of defence.
 */
@ApplicationScoped
public class EventAddressing {

    @Inject
    ChannelService channels;

    @Inject
    Directory directory;

    @Inject
    Notices notices;

    /** A notice to a group, in the language of the group's channel. */
    public Optional<OutboundMessage> toGroup(GroupInfo group, String key, Notice notice, Origin origin) {
        return group(group, key, wording(notice), origin);
    }

    /** A notice to a committee member, in the language of the channel that reaches them. */
    public Optional<OutboundMessage> toMember(
            String memberCode, String preferredChannelKey, String key, Notice notice, Origin origin) {
        return member(memberCode, preferredChannelKey, key, wording(notice), origin);
    }

    /** A notice to whoever signed a registration up, in the language of the channel they used. */
    public Optional<OutboundMessage> toRegistrant(Registration r, String key, Notice notice, Origin origin) {
        return registrant(r, key, wording(notice), origin);
    }

    private Function<ChannelInfo, String> wording(Notice notice) {
        return c -> notices.render(notice, c.language());
    }

    /** A message to a group (an invitation, a nudge, a digest). */
    public Optional<OutboundMessage> toGroup(GroupInfo group, String key, String text, Origin origin) {
        return group(group, key, c -> text, origin);
    }

    private Optional<OutboundMessage> group(
            GroupInfo group, String key, Function<ChannelInfo, String> text, Origin origin) {
        return channels.find(group.channelKey())
                .flatMap(c -> Outbox.groupTarget(c.type(), group.chatId(), group.robotWebhookUrl())
                        .map(t -> OutboundMessage.of(
                                key, group.channelKey(), t, Content.text(Phones.maskText(text.apply(c))), origin)));
    }

    /** A message to a committee member on their identity. */
    public Optional<OutboundMessage> toMember(
            String memberCode, String preferredChannelKey, String key, String text, Origin origin) {
        return member(memberCode, preferredChannelKey, key, c -> text, origin);
    }

    private Optional<OutboundMessage> member(
            String memberCode,
            String preferredChannelKey,
            String key,
            Function<ChannelInfo, String> text,
            Origin origin) {
        Optional<MemberInfo> member = directory.findMember(memberCode);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        for (MemberInfo.Identity identity : member.get().identitiesPreferring(preferredChannelKey)) {
            Optional<ChannelInfo> channel = channels.find(identity.channelKey());
            if (channel.isPresent() && Outbox.reachable(channel.get().type()).contains("user")) {
                return Optional.of(OutboundMessage.of(
                        key,
                        identity.channelKey(),
                        Target.user(identity.userId()),
                        Content.text(Phones.maskText(text.apply(channel.get()))),
                        origin));
            }
        }
        return Optional.empty();
    }

    /** A message to whoever signed a registration up, on the chat identity they used. */
    public Optional<OutboundMessage> toRegistrant(Registration r, String key, String text, Origin origin) {
        return registrant(r, key, c -> text, origin);
    }

    private Optional<OutboundMessage> registrant(
            Registration r, String key, Function<ChannelInfo, String> text, Origin origin) {
        if (r.channelKey == null || r.userId == null) {
            return Optional.empty();
        }
        Optional<ChannelInfo> channel = channels.find(r.channelKey);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        Content content = Content.text(Phones.maskText(text.apply(channel.get())));
        if (Outbox.reachable(channel.get().type()).contains("user")) {
            return Optional.of(OutboundMessage.of(key, r.channelKey, Target.user(r.userId), content, origin));
        }
        if (r.chatId == null) {
            return Optional.empty();
        }
        String robot = directory
                .findGroupByChat(r.channelKey, r.chatId)
                .map(GroupInfo::robotWebhookUrl)
                .orElse(null);
        return Outbox.groupTarget(channel.get().type(), r.chatId, robot)
                .map(t -> OutboundMessage.of(key, r.channelKey, t, content.mentioningIfPossible(r.userId), origin));
    }
}
