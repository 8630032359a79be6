package io.tongxin.opinion;

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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Opinion notices as outbox messages (origin {@code opinion:<number>}, idempotency key = the notice
 * key). Addressing:
 * <ul>
 * <li>reporter: the chat the opinion came from, @-mentioning the reporter's user id (a chat target
 * where the channel can reach one, else the group's robot webhook); a direct chat: the user;</li>
 * <li>member (assignee, workstation head): their user id on the opinion's channel if they have one
 * there, else their first identity on a channel that can reach a person;</li>
 * <li>organizers: the configured {@code tongxin.opinion.organizer-group}, else every group bound to
 * the opinion's workstation.</li>
 * </ul>
 * A notice nobody can receive (unknown channel, a member without a usable identity, no organizer
 * group) is not an error: it answers {@link OpinionNotices.Delivery#unaddressed} with the reason,
 * which the opinion records in its history. Checks come before {@link Outbox#enqueue} so a refusal
 * never marks the caller's transaction for rollback. Each notice is worded ({@link Notices}) in the
 * language of the channel it is sent on, once that channel is known. Its variables arrive masked
 * ({@link OpinionMessages} masks by who wrote each part: every number residents wrote, but not the
 * service number a member gives the resident), so they are used as they are.
 */
@ApplicationScoped
public class OutboxOpinionNotices implements OpinionNotices {

    @Inject
    Outbox outbox;

    @Inject
    Directory directory;

    @Inject
    ChannelService channels;

    @Inject
    OpinionConfig config;

    @Inject
    Notices wording;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery toReporter(String number, ReporterAddress a, Notice notice, String key) {
        Optional<ChannelInfo> channel = channels.find(a.channelKey());
        if (channel.isEmpty()) {
            return Delivery.unaddressed(
                    "notice to the reporter not sent: channel '" + a.channelKey() + "' does not exist");
        }
        if (a.chatId() == null) {
            if (!reaches(channel.get(), "user")) {
                return Delivery.unaddressed("notice to the reporter not sent: a "
                        + channel.get().type().wire() + " channel cannot message a person directly");
            }
            return send(number, key, a.channelKey(), Target.user(a.userId()), text(notice, channel.get()));
        }
        Optional<Target> target = groupTarget(
                channel.get(),
                a.chatId(),
                directory.findGroupByChat(a.channelKey(), a.chatId()).orElse(null));
        if (target.isEmpty()) {
            return Delivery.unaddressed("notice to the reporter not sent: chat " + a.chatId() + " on channel '"
                    + a.channelKey() + "' has no way to be reached (no robot webhook)");
        }
        Content content = text(notice, channel.get());
        return send(number, key, a.channelKey(), target.get(), content.mentioningIfPossible(a.userId()));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery toMember(
            String number, String memberCode, String preferredChannelKey, Notice notice, String key, Long photo) {
        // the member as routing just read it (per-instance cache, tongxin.reference-cache.ttl): an assignee is
        // addressed for every report, and the identities are what routing's candidate lists hold
        Optional<MemberInfo> member = directory.findMemberRecent(memberCode);
        if (member.isEmpty()) {
            return Delivery.unaddressed("notice to member " + memberCode + " not sent: no such member");
        }
        for (MemberInfo.Identity identity : member.get().identitiesPreferring(preferredChannelKey)) {
            Optional<ChannelInfo> channel = channels.find(identity.channelKey());
            if (channel.isPresent() && reaches(channel.get(), "user")) {
                return send(
                        number,
                        key,
                        identity.channelKey(),
                        Target.user(identity.userId()),
                        text(notice, channel.get()).withImage(photo));
            }
        }
        return Delivery.unaddressed("notice to member " + memberCode + " not sent: "
                + (member.get().identities().isEmpty()
                        ? "the member has no chat identity"
                        : "none of the member's chat identities is on a channel that can message a person"));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Delivery toOrganizers(String number, String workstationCode, Notice notice, String key) {
        List<GroupInfo> groups;
        String where;
        if (config.organizerGroup().isPresent()) {
            String code = config.organizerGroup().get();
            groups = directory.findGroup(code).map(List::of).orElse(List.of());
            where = "organizer group '" + code + "' (tongxin.opinion.organizer-group)";
            if (groups.isEmpty()) {
                return Delivery.unaddressed("notice to organizers not sent: " + where + " does not exist");
            }
        } else {
            groups = workstationCode == null
                    ? List.of()
                    : directory.groupsBoundTo(List.of(), List.of(workstationCode), List.of());
            where = workstationCode == null
                    ? "the opinion has no workstation and tongxin.opinion.organizer-group is unset"
                    : "no group is bound to workstation " + workstationCode
                            + " and tongxin.opinion.organizer-group is unset";
        }
        int queued = 0;
        for (GroupInfo g : groups) {
            Optional<ChannelInfo> channel = channels.find(g.channelKey());
            Optional<Target> target = channel.flatMap(c -> groupTarget(c, g.chatId(), g));
            if (target.isPresent()) {
                send(number, key + ":" + g.code(), g.channelKey(), target.get(), text(notice, channel.get()));
                queued++;
            }
        }
        return queued > 0
                ? Delivery.stored()
                : Delivery.unaddressed("notice to organizers not sent: "
                        + (groups.isEmpty() ? where : "no reachable chat among the groups of " + where));
    }

    /** A group chat: as a chat where the channel can reach one, else through the group's robot webhook. */
    private static Optional<Target> groupTarget(ChannelInfo channel, String chatId, GroupInfo group) {
        return Outbox.groupTarget(channel.type(), chatId, group == null ? null : group.robotWebhookUrl());
    }

    /** The notice in the channel's language. */
    private Content text(Notice notice, ChannelInfo channel) {
        return Content.text(wording.render(notice, channel.language()));
    }

    private static boolean reaches(ChannelInfo channel, String targetKind) {
        return Outbox.reachable(channel.type()).contains(targetKind);
    }

    private Delivery send(String number, String key, String channelKey, Target target, Content content) {
        outbox.enqueue(OutboundMessage.of(key, channelKey, target, content, Origin.of("opinion", number)));
        return Delivery.stored();
    }
}
