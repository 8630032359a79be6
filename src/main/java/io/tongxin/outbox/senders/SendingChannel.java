package io.tongxin.outbox.senders;

import io.tongxin.channel.ChannelInfo;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.ChannelType;

/**
 * What a sender needs of a channel, copied out of {@link ChannelSecrets} so it can travel to sender threads.
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

    public static SendingChannel of(ChannelSecrets s) {
        ChannelInfo c = s.info();
        return new SendingChannel(
                c.key(),
                c.type(),
                stripSlash(c.apiBaseUrl()),
                c.sendUrl(),
                c.appId(),
                s.appSecret(),
                c.corpId(),
                c.agentId(),
                s.secret(),
                c.dryRun());
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
