package io.tongxin.channel;

/**
 * A channel as other features see it: what it is and where it sends, never a secret. Read it with
 * {@link ChannelService#find}; only the adapters and senders that sign or decrypt read
 * {@link ChannelSecrets} (through {@link ChannelCredentials}).
 *
 * @param apiBaseUrl the API host to call: the configured one or the platform's real host (null for a
 *     bridge)
 * @param dryRun     outbound messages on this channel go to the log sender instead of the platform
 * @param language   the language the bot answers in: {@code zh-CN} or {@code en}
 */
public record ChannelInfo(
        String key,
        ChannelType type,
        String name,
        String appId,
        String corpId,
        Long agentId,
        String receiveId,
        String sendUrl,
        String apiBaseUrl,
        boolean dryRun,
        String language) {

    /**
     * The receive id that safe-mode ciphertexts must carry: the AppID for an Official Account, the
     * CorpID for a WeCom app, the configured value (usually empty) for a WeCom smart robot.
     */
    public String effectiveReceiveId() {
        return switch (type) {
            case WECHAT_MP -> appId == null ? "" : appId;
            case WECOM_APP -> corpId == null ? "" : corpId;
            case WECOM_BOT -> receiveId == null ? "" : receiveId;
            case BRIDGE -> "";
        };
    }
}
