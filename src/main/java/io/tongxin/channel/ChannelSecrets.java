package io.tongxin.channel;

/**
 * A channel with the secrets it signs and decrypts with, for the webhook adapters and the outbox
 * senders only (read through {@link ChannelCredentials}); every other feature reads
 * {@link ChannelInfo}. A plain value copied out of the entity so it runs outside a transaction and
 * travels to sender threads. {@link #toString()} leaves the secrets out.
 *
 * @param token          signature token (WeChat/WeCom callback token)
 * @param encodingAesKey 43-character EncodingAESKey
 * @param appSecret      Official Account AppSecret
 * @param secret         WeCom app secret, or the bridge's shared HMAC secret
 */
public record ChannelSecrets(ChannelInfo info, String token, String encodingAesKey, String appSecret, String secret) {

    public String key() {
        return info.key();
    }

    public ChannelType type() {
        return info.type();
    }

    /** The receive id safe-mode ciphertexts must carry ({@link ChannelInfo#effectiveReceiveId()}). */
    public String receiveId() {
        return info.effectiveReceiveId();
    }

    public Long agentId() {
        return info.agentId();
    }

    /** The AES codec for this channel, or a 400 when the channel has no EncodingAESKey (plaintext only). */
    public WechatCrypto crypto() {
        if (encodingAesKey == null || encodingAesKey.isBlank()) {
            throw new WebhookRejection(
                    400,
                    "unsupported",
                    "this channel has no EncodingAESKey configured, so encrypted callbacks are refused");
        }
        return new WechatCrypto(encodingAesKey, receiveId());
    }

    @Override
    public String toString() {
        return "ChannelSecrets[" + key() + ", " + type().wire() + "]";
    }
}
