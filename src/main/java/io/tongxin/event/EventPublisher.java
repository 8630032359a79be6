package io.tongxin.event;

import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelService;
import io.tongxin.dialogue.Notice;
import io.tongxin.dialogue.Notices;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.outbox.Content;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import io.tongxin.outbox.Target;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Publishes an event in the caller's transaction: resolves its audience into chat groups (bound to
 * its communities, workstations and sectors, plus the explicit ones; each group once), records them
 * in {@code event_delivery}, writes one invitation per group and one per invited member with a
 * single {@link Outbox#enqueueAll}, and opens a confirmation row for every workstation and council
 * (community) whose groups received it. A broadcast to 10,000 groups costs a handful of statements:
 * the groups come in one query, each channel is read once, and the rows are written in batches.
 */
@ApplicationScoped
class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private static final int BATCH = 500;

    @Inject
    Directory directory;

    @Inject
    ChannelService channels;

    @Inject
    EventAddressing addressing;

    @Inject
    EventPeople people;

    @Inject
    EventMessages messages;

    @Inject
    Notices notices;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    /** What a publication reached. */
    record Published(int groups, int members, List<String> unreachable) {}

    @Transactional(Transactional.TxType.MANDATORY)
    Published publish(Event e) {
        em.flush(); // the event's row (new for an announcement) before the JDBC batches that refer to it
        EventPlan.Audience a = people.audience(e.id);
        Map<String, GroupInfo> groups = new LinkedHashMap<>();
        for (GroupInfo g : directory.groupsBoundTo(a.communityCodes(), a.workstationCodes(), a.sectorCodes())) {
            groups.put(g.code(), g);
        }
        for (String code : a.groupCodes()) {
            if (!groups.containsKey(code)) {
                directory.findGroup(code).ifPresent(g -> groups.put(g.code(), g));
            }
        }
        Origin origin = Origin.of("event", e.code);
        // worded once per language, in the language of each group's channel
        Notice invitation = messages.groupInvitation(e);
        Map<String, String> groupTexts = new HashMap<>();
        Map<String, Optional<ChannelInfo>> channelsByKey = new HashMap<>();
        List<OutboundMessage> out = new ArrayList<>(groups.size() + 16);
        List<GroupInfo> delivered = new ArrayList<>(groups.size());
        List<String> unreachable = new ArrayList<>();
        for (GroupInfo g : groups.values()) {
            Optional<ChannelInfo> channel = channelsByKey.computeIfAbsent(g.channelKey(), channels::find);
            Optional<Target> target =
                    channel.flatMap(c -> Outbox.groupTarget(c.type(), g.chatId(), g.robotWebhookUrl()));
            if (target.isEmpty()) {
                unreachable.add("group:" + g.code());
                continue;
            }
            out.add(OutboundMessage.of(
                    "event:" + e.code + ":invite:group:" + g.code(),
                    g.channelKey(),
                    target.get(),
                    Content.text(groupTexts.computeIfAbsent(
                            channel.get().language(),
                            language -> Phones.maskText(notices.render(invitation, language)))),
                    origin));
            delivered.add(g);
        }
        int members = 0;
        Notice memberText = messages.memberInvitation(e);
        for (String member : people.invitees(e.id)) {
            Optional<OutboundMessage> m = addressing.toMember(
                    member, null, "event:" + e.code + ":invite:member:" + member, memberText, origin);
            if (m.isPresent()) {
                out.add(m.get());
                members++;
            } else {
                unreachable.add("member:" + member);
            }
        }
        recordDeliveries(e.id, delivered);
        if (e.confirm) {
            openConfirmations(e.id, delivered);
        }
        outbox.enqueueAll(out);
        if (!unreachable.isEmpty()) {
            LOG.infof("event %s published; not reachable: %s", e.code, unreachable);
        }
        return new Published(delivered.size(), members, unreachable);
    }

    private void recordDeliveries(long eventId, List<GroupInfo> groups) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into event_delivery (event_id, group_code, channel_key, community_code, workstation_code)"
                            + " values (?, ?, ?, ?, ?) on conflict do nothing")) {
                int n = 0;
                for (GroupInfo g : groups) {
                    ps.setLong(1, eventId);
                    ps.setString(2, g.code());
                    ps.setString(3, g.channelKey());
                    ps.setString(4, g.communityCode());
                    ps.setString(5, g.workstationCode());
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }

    private void openConfirmations(long eventId, List<GroupInfo> groups) {
        Set<String> communities = new LinkedHashSet<>();
        Set<String> workstations = new LinkedHashSet<>();
        for (GroupInfo g : groups) {
            if (g.communityCode() != null) {
                communities.add(g.communityCode());
            }
            if (g.workstationCode() != null) {
                workstations.add(g.workstationCode());
            }
        }
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into event_confirmation (event_id, unit_kind, unit_code) values (?, ?, ?)"
                            + " on conflict do nothing")) {
                for (String code : communities) {
                    ps.setLong(1, eventId);
                    ps.setString(2, "community");
                    ps.setString(3, code);
                    ps.addBatch();
                }
                for (String code : workstations) {
                    ps.setLong(1, eventId);
                    ps.setString(2, "workstation");
                    ps.setString(3, code);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
