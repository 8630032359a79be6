package io.tongxin.channel.wechat;

import io.tongxin.channel.CallbackAdapter;
import io.tongxin.channel.CallbackAnswer;
import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.CallbackXml;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.StrictUtf8;
import io.tongxin.channel.WebhookRejection;
import io.tongxin.channel.WechatCrypto;
import io.tongxin.channel.WechatXmlMessage;
import java.util.Map;
import java.util.Optional;

/**
 * WeChat Official Account (公众号) server callbacks. Plaintext mode: {@code signature} =
 * sha1(sort(token, timestamp, nonce)) and an XML body. Safe mode ({@code encrypt_type=aes}):
 * {@code msg_signature} = sha1(sort(token, timestamp, nonce, Encrypt)) and the body
 * {@code <xml><ToUserName/><Encrypt/></xml>} whose plaintext carries the AppID as receive id.
 *
 * <p>Plaintext mode authenticates the URL only, so a signed URL could carry any body: the
 * {@code openid} parameter must name the body's sender, the webhook lets one signed
 * (timestamp, nonce) carry one message, and the message is marked {@link InboundDraft#senderVerified()
 * unverified} so that member commands and ratings are refused for it (safe mode is recommended).
 */
public final class WechatMpAdapter implements CallbackAdapter {

    @Override
    public String verifyUrl(ChannelSecrets channel, CallbackRequest request) {
        String timestamp = request.requireParam("timestamp");
        String nonce = request.requireParam("nonce");
        if (request.param("msg_signature") != null) {
            String echostr = request.base64Param("echostr");
            verify(request.param("msg_signature"), WechatCrypto.signature(channel.token(), timestamp, nonce, echostr));
            request.checkTimestamp(timestamp);
            return channel.crypto().decrypt(echostr);
        }
        verify(request.requireParam("signature"), WechatCrypto.signature(channel.token(), timestamp, nonce));
        request.checkTimestamp(timestamp);
        return request.requireParam("echostr");
    }

    @Override
    public InboundDraft open(ChannelSecrets channel, CallbackRequest request) {
        String timestamp = request.requireParam("timestamp");
        String nonce = request.requireParam("nonce");
        if (safeMode(request)) {
            String msgSignature = request.requireParam("msg_signature");
            Map<String, String> envelope = CallbackXml.parse(StrictUtf8.decode(request.body(), "the request body"));
            String encrypted = envelope.get("Encrypt");
            if (encrypted == null || encrypted.isBlank()) {
                throw WebhookRejection.malformed("the safe-mode body has no Encrypt element");
            }
            verify(msgSignature, WechatCrypto.signature(channel.token(), timestamp, nonce, encrypted));
            request.checkTimestamp(timestamp);
            String xml = channel.crypto().decrypt(encrypted);
            return WechatXmlMessage.normalise(CallbackXml.parse(xml), xml);
        }
        if (channel.encodingAesKey() != null && !channel.encodingAesKey().isBlank()) {
            // a safe-mode URL also carries the plaintext signature: without this, a captured URL minus
            // encrypt_type would carry any plaintext body
            throw WebhookRejection.signature(
                    "this channel is in safe mode (it has an EncodingAESKey): messages must be encrypted");
        }
        verify(request.requireParam("signature"), WechatCrypto.signature(channel.token(), timestamp, nonce));
        request.checkTimestamp(timestamp);
        String xml = StrictUtf8.decode(request.body(), "the request body");
        InboundDraft draft = WechatXmlMessage.normalise(CallbackXml.parse(xml), xml);
        // Plaintext mode signs the URL, not the body: bind what the URL says to the body where it can
        // (the openid WeChat adds is the sender), let the signed (timestamp, nonce) carry one message
        // only, and mark the sender unverified so nothing is done in their name.
        String openid = request.param("openid");
        if (openid != null && !openid.equals(draft.senderId())) {
            throw WebhookRejection.signature("the signed openid is not the message's FromUserName");
        }
        return draft.unverifiedSender(timestamp + ":" + nonce);
    }

    @Override
    public CallbackAnswer answer(
            ChannelSecrets channel,
            CallbackRequest request,
            String senderId,
            String accountId,
            Optional<String> reply) {
        if (reply.isEmpty()) {
            return CallbackAnswer.text("success");
        }
        String xml = WechatXmlMessage.passiveText(senderId, accountId, request.now(), reply.get());
        if (!safeMode(request)) {
            return CallbackAnswer.xml(xml);
        }
        String nonce = Optional.ofNullable(request.param("nonce")).orElse("tongxin");
        return CallbackAnswer.xml(WechatXmlMessage.encryptedEnvelope(
                channel.crypto(),
                channel.token(),
                xml,
                Long.toString(request.now().getEpochSecond()),
                nonce));
    }

    private static boolean safeMode(CallbackRequest request) {
        return "aes".equalsIgnoreCase(request.param("encrypt_type"));
    }

    static void verify(String given, String expected) {
        if (!WechatCrypto.signatureMatches(expected, given)) {
            throw WebhookRejection.signature("the signature does not match");
        }
    }
}
