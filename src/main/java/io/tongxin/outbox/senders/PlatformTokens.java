package io.tongxin.outbox.senders;

import io.tongxin.channel.ChannelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The access token a channel's senders use, for other platform APIs of the same app (the media API
 * that fetches residents' photos and voice messages): the same database row, credentials and refresh
 * rules as {@link WecomAppSender} and {@link WechatMpSender}, so a token is never fetched twice and
 * no instance overwrites another's.
 */
@ApplicationScoped
public class PlatformTokens {

    @Inject
    AccessTokens tokens;

    @Inject
    WecomAppSender wecomApp;

    @Inject
    WechatMpSender wechatMp;

    /** Whether this errcode means the token is invalid or expired (refresh it and retry once). */
    public static boolean tokenExpired(int errcode) {
        return ErrorCodes.TOKEN_EXPIRED.contains(errcode);
    }

    /** Whether the channel's type has an app token (WeCom app, Official Account with an AppSecret). */
    public static boolean hasToken(SendingChannel c) {
        return c.type() == ChannelType.WECOM_APP
                || (c.type() == ChannelType.WECHAT_MP
                        && c.appSecret() != null
                        && !c.appSecret().isBlank());
    }

    /** The channel's current token (fetched if needed). */
    public String current(SendingChannel c) throws AccessTokens.Refused {
        TokenSender s = senderFor(c);
        return tokens.current(s.tokenKey(c), s.credentials(c), () -> s.fetch(c));
    }

    /** Forgets a token the platform refused (unless another instance already replaced it). */
    public void invalidate(SendingChannel c, String token) {
        tokens.invalidate(senderFor(c).tokenKey(c), token);
    }

    private TokenSender senderFor(SendingChannel c) {
        return switch (c.type()) {
            case WECOM_APP -> wecomApp;
            case WECHAT_MP -> wechatMp;
            default -> throw new IllegalArgumentException("channel " + c.key() + " has no app access token");
        };
    }
}
