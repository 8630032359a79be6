package io.tongxin.channel;

import java.time.Instant;

/**
 * A channel as the API shows it. Secrets are never returned; {@code tokenSet} and friends say
 * whether one is stored. {@code webhookPath} is the callback path to give the platform.
 */
public record ChannelView(
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
        String language,
        boolean tokenSet,
        boolean encodingAesKeySet,
        boolean appSecretSet,
        boolean secretSet,
        String webhookPath,
        Instant createdAt,
        Instant updatedAt) {

    static ChannelView of(Channel c) {
        return new ChannelView(
                c.key,
                c.type,
                c.name,
                c.appId,
                c.corpId,
                c.agentId,
                c.receiveId,
                c.sendUrl,
                c.effectiveApiBaseUrl(),
                c.dryRun,
                c.language,
                c.token != null,
                c.encodingAesKey != null,
                c.appSecret != null,
                c.secret != null,
                "/webhooks/" + c.key,
                c.createdAt,
                c.updatedAt);
    }
}
