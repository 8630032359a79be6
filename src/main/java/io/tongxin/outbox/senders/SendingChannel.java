package io.tongxin.outbox.senders;

import io.tongxin.channel.Channel;
import io.tongxin.channel.ChannelType;

/**
 * What a sender needs of a channel, copied out of the entity so it can travel to sender threads.
 * Holds secrets: {@link #toString()} leaves them out.
 */
public record SendingChannel(
        String key,
        ChannelType type,
        String apiBaseUrl,
        String sendUrl,
        String appId,
        String appSecret,
        String corpId,
        Long agentId,
        String secret,
        boolean dryRun) {

    public static SendingChannel of(Channel c) {
        return new SendingChannel(
                c.key,
                c.type,
                stripSlash(c.effectiveApiBaseUrl()),
                c.sendUrl,
                c.appId,
                c.appSecret,
                c.corpId,
                c.agentId,
                c.secret,
                c.dryRun);
    }

    private static String stripSlash(String url) {
        if (url == null) {
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SendingChannel[" + key + ", " + type.wire() + "]";
    }
}
