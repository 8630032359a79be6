package io.tongxin.channel.wecom;

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
 * WeCom (企业微信) self-built app callbacks: always encrypted, the CorpID as receive id, the XML
 * carries {@code AgentID}. A message for another agent of the same corp is refused.
 */
public final class WecomAppAdapter implements CallbackAdapter {

    @Override
    public String verifyUrl(ChannelSecrets channel, CallbackRequest request) {
        return WecomCallbacks.verifyUrl(channel, request);
    }

    @Override
    public InboundDraft open(ChannelSecrets channel, CallbackRequest request) {
        String msgSignature = request.requireParam("msg_signature");
        String timestamp = request.requireParam("timestamp");
        String nonce = request.requireParam("nonce");
        Map<String, String> envelope = CallbackXml.parse(StrictUtf8.decode(request.body(), "the request body"));
        String encrypted = envelope.get("Encrypt");
        if (encrypted == null || encrypted.isBlank()) {
            throw WebhookRejection.malformed("the body has no Encrypt element");
        }
        WecomCallbacks.verify(msgSignature, WechatCrypto.signature(channel.token(), timestamp, nonce, encrypted));
        request.checkTimestamp(timestamp);
        String xml = channel.crypto().decrypt(encrypted);
        Map<String, String> fields = CallbackXml.parse(xml);
        String agentId = fields.get("AgentID");
        if (agentId != null
                && !agentId.isBlank()
                && channel.agentId() != null
                && !agentId.strip().equals(channel.agentId().toString())) {
            throw WebhookRejection.receiveId("the message is addressed to another agent (AgentID mismatch)");
        }
        return WechatXmlMessage.normalise(fields, xml);
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
        String nonce = Optional.ofNullable(request.param("nonce")).orElse("tongxin");
        return CallbackAnswer.xml(WechatXmlMessage.encryptedEnvelope(
                channel.crypto(),
                channel.token(),
                xml,
                Long.toString(request.now().getEpochSecond()),
                nonce));
    }
}
