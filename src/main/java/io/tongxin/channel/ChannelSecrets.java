package io.tongxin.channel;

/**
 * What an adapter needs from a channel to verify, decrypt and answer: a plain value copied out of the
 * entity so adapters run outside a transaction. {@link #toString()} leaves the secrets out.
 */
public record ChannelSecrets(
        String key,
        ChannelType type,
        String token,
        String encodingAesKey,
        String receiveId,
        Long agentId,
        String secret) {

    /** The AES codec for this channel, or a 400 when the channel has no EncodingAESKey (plaintext only). */
    public WechatCrypto crypto() {
        if (encodingAesKey == null || encodingAesKey.isBlank()) {
            throw new WebhookRejection(
                    400,
                    "unsupported",
                    "this channel has no EncodingAESKey configured, so encrypted callbacks are refused");
        }
        return new WechatCrypto(encodingAesKey, receiveId);
    }

    @Override
    public String toString() {
        return "ChannelSecrets[" + key + ", " + type.wire() + "]";
    }
}
