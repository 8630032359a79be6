package io.tongxin.channel.wecom;

import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.WebhookRejection;
import io.tongxin.channel.WechatCrypto;

/** The URL verification and signature check that WeCom apps and smart robots share. */
final class WecomCallbacks {

    private WecomCallbacks() {}

    /** {@code GET ?msg_signature&timestamp&nonce&echostr}: verify, decrypt echostr, answer the bare plaintext. */
    static String verifyUrl(ChannelSecrets channel, CallbackRequest request) {
        String msgSignature = request.requireParam("msg_signature");
        String timestamp = request.requireParam("timestamp");
        String nonce = request.requireParam("nonce");
        String echostr = request.base64Param("echostr");
        verify(msgSignature, WechatCrypto.signature(channel.token(), timestamp, nonce, echostr));
        request.checkTimestamp(timestamp);
        return channel.crypto().decrypt(echostr);
    }

    static void verify(String given, String expected) {
        if (!WechatCrypto.signatureMatches(expected, given)) {
            throw WebhookRejection.signature("the msg_signature does not match");
        }
    }
}
