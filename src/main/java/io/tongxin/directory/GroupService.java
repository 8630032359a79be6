package io.tongxin.directory;

import io.tongxin.channel.ChannelService;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Chat groups, each bound to one community, workstation or sector. */
@ApplicationScoped
class GroupService extends CodedService<ChatGroup, GroupDto> {

    @Inject
    ChannelService channels;

    @Inject
    CommunityService communities;

    @Inject
    WorkstationService workstations;

    @Inject
    SectorService sectors;

    GroupService() {
        super(ChatGroup.class, "group");
    }

    /** Filters for the group list; every one is optional. */
    record Filter(
            String q,
            String channelKey,
            String chatId,
            String communityCode,
            String workstationCode,
            String sectorCode) {}

    ListResult<GroupDto> list(Filter f, Paging page) {
        return page(
                new Where()
                        .when(f.channelKey(), "e.channelKey = :channel", "channel")
                        .when(f.chatId(), "e.chatId = :chat", "chat")
                        .when(f.communityCode(), "e.communityCode = :community", "community")
                        .when(f.workstationCode(), "e.workstationCode = :ws", "ws")
                        .when(f.sectorCode(), "e.sectorCode = :sector", "sector")
                        .contains(f.q(), "e.name", "e.code"),
                page);
    }

    Optional<ChatGroup> byChat(String channelKey, String chatId) {
        return em
                .createQuery("from ChatGroup where channelKey = :channel and chatId = :chat", ChatGroup.class)
                .setParameter("channel", channelKey)
                .setParameter("chat", chatId)
                .getResultList() // a list, not a stream: no scrollable result left open until the transaction ends
                .stream()
                .findFirst();
    }

    @Override
    ChatGroup newEntity() {
        return new ChatGroup();
    }

    @Override
    String codeOf(GroupDto dto) {
        return dto.code();
    }

    @Override
    void apply(ChatGroup g, GroupDto dto) {
        Violations v = new Violations();
        String channel = dto.channelKey().strip();
        if (channels.find(channel).isEmpty()) {
            v.add("channelKey", "no channel with key '" + channel + "'");
        }
        String community = Violations.strip(dto.communityCode());
        String workstation = Violations.strip(dto.workstationCode());
        String sector = Violations.strip(dto.sectorCode());
        List<String> bound = new ArrayList<>();
        if (community != null) {
            bound.add("communityCode");
            if (!communities.exists(community)) {
                v.add("communityCode", "no community with code '" + community + "'");
            }
        }
        if (workstation != null) {
            bound.add("workstationCode");
            if (!workstations.exists(workstation)) {
                v.add("workstationCode", "no workstation with code '" + workstation + "'");
            }
        }
        if (sector != null) {
            bound.add("sectorCode");
            if (!sectors.exists(sector)) {
                v.add("sectorCode", "no sector with code '" + sector + "'");
            }
        }
        if (bound.isEmpty()) {
            v.add("communityCode", "a group is bound to exactly one of communityCode, workstationCode, sectorCode");
        } else if (bound.size() > 1) {
            for (String field : bound) {
                v.add(field, "a group is bound to exactly one of communityCode, workstationCode, sectorCode");
            }
        }
        String url = Violations.strip(dto.robotWebhookUrl());
        if (url != null && g.robotWebhookUrl != null && url.equals(WebhookUrls.mask(g.robotWebhookUrl))) {
            url = g.robotWebhookUrl; // the masked value sent back: keep the stored URL
        } else if (url != null && (!WebhookUrls.valid(url) || url.contains("****"))) {
            v.add("robotWebhookUrl", "must be an http or https URL");
        } else if (url != null && !WebhookUrls.hasKey(url)) {
            v.add("robotWebhookUrl", "must carry the robot's key (…/cgi-bin/webhook/send?key=…)");
        }
        v.throwIfAny();
        String chatId = dto.chatId().strip();
        byChat(channel, chatId).filter(other -> !other.code.equals(g.code)).ifPresent(other -> {
            throw ProblemException.conflict(
                    "chat '" + chatId + "' on channel '" + channel + "' is already the group '" + other.code + "'");
        });
        g.channelKey = channel;
        g.chatId = chatId;
        g.name = dto.name().strip();
        g.communityCode = community;
        g.workstationCode = workstation;
        g.sectorCode = sector;
        g.robotWebhookUrl = url;
    }

    @Override
    GroupDto view(ChatGroup g) {
        return new GroupDto(
                g.code,
                g.channelKey,
                g.chatId,
                g.name,
                g.communityCode,
                g.workstationCode,
                g.sectorCode,
                WebhookUrls.mask(g.robotWebhookUrl));
    }

    @Override
    Object state(ChatGroup g) {
        return new GroupDto(
                g.code,
                g.channelKey,
                g.chatId,
                g.name,
                g.communityCode,
                g.workstationCode,
                g.sectorCode,
                g.robotWebhookUrl);
    }
}
