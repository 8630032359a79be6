package io.tongxin.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A chat group on a channel, bound to exactly one community, workstation or sector.
 * {@code robotWebhookUrl} carries a key that lets anyone post to the group: stored in clear because
 * the sender needs it, returned masked, never logged.
 */
@Entity
@Table(name = "chat_group")
class ChatGroup extends CodedEntity {

    @Column(name = "channel_key", nullable = false, length = 64)
    String channelKey;

    @Column(name = "chat_id", nullable = false, length = 128)
    String chatId;

    @Column(nullable = false, length = 200)
    String name;

    @Column(name = "community_code", length = 64)
    String communityCode;

    @Column(name = "workstation_code", length = 64)
    String workstationCode;

    @Column(name = "sector_code", length = 64)
    String sectorCode;

    @Column(name = "robot_webhook_url", length = 1000)
    String robotWebhookUrl;

    @Override
    public String toString() {
        return "ChatGroup[" + code + "]";
    }
}
