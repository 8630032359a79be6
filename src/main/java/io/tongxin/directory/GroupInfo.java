package io.tongxin.directory;

/**
 * A chat group as other features see it. Exactly one of {@code communityCode}, {@code workstationCode},
 * {@code sectorCode} is set. {@code robotWebhookUrl} is the clear send URL (it contains the robot's
 * key): use it to send, never log or return it; {@link #toString()} masks it.
 */
public record GroupInfo(
        String code,
        String channelKey,
        String chatId,
        String name,
        String communityCode,
        String workstationCode,
        String sectorCode,
        String robotWebhookUrl) {

    static GroupInfo of(ChatGroup g) {
        return new GroupInfo(
                g.code,
                g.channelKey,
                g.chatId,
                g.name,
                g.communityCode,
                g.workstationCode,
                g.sectorCode,
                g.robotWebhookUrl);
    }

    @Override
    public String toString() {
        return "GroupInfo[code=" + code + ", channelKey=" + channelKey + ", chatId=" + chatId + ", name=" + name
                + ", communityCode=" + communityCode + ", workstationCode=" + workstationCode + ", sectorCode="
                + sectorCode + ", robotWebhookUrl=" + WebhookUrls.mask(robotWebhookUrl) + "]";
    }
}
