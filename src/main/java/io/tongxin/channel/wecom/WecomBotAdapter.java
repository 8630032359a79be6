package io.tongxin.channel.wecom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongxin.channel.CallbackAdapter;
import io.tongxin.channel.CallbackAnswer;
import io.tongxin.channel.CallbackRequest;
import io.tongxin.channel.ChannelSecrets;
import io.tongxin.channel.InboundDraft;
import io.tongxin.channel.MediaRef;
import io.tongxin.channel.MessageKind;
import io.tongxin.channel.PlatformTime;
import io.tongxin.channel.StrictUtf8;
import io.tongxin.channel.WebhookRejection;
import io.tongxin.channel.WechatCrypto;
import io.tongxin.channel.WechatXmlMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * WeCom smart robot (智能机器人) callbacks: body {@code {"encrypt": "..."}}, the same signature and AES
 * scheme as apps, and a decrypted JSON message with {@code msgid, aibotid, chatid, chattype,
 * from.userid, response_url, msgtype, text.content}. In groups it fires only on an @-mention; the
 * leading mention is taken out of the normalised text. A passive reply is an encrypted
 * {@code stream} message with {@code finish=true}; without one the answer is an empty body.
 */
public final class WecomBotAdapter implements CallbackAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*@\\S+\\s*");

    @Override
    public String verifyUrl(ChannelSecrets channel, CallbackRequest request) {
        return WecomCallbacks.verifyUrl(channel, request);
    }

    @Override
    public InboundDraft open(ChannelSecrets channel, CallbackRequest request) {
        String msgSignature = request.requireParam("msg_signature");
        String timestamp = request.requireParam("timestamp");
        String nonce = request.requireParam("nonce");
        JsonNode envelope = parse(StrictUtf8.decode(request.body(), "the request body"), "the request body");
        JsonNode encrypt = envelope.get("encrypt");
        if (encrypt == null || !encrypt.isTextual() || encrypt.asText().isBlank()) {
            throw WebhookRejection.malformed("the body has no \"encrypt\" field");
        }
        String encrypted = encrypt.asText();
        WecomCallbacks.verify(msgSignature, WechatCrypto.signature(channel.token(), timestamp, nonce, encrypted));
        request.checkTimestamp(timestamp);
        String json = channel.crypto().decrypt(encrypted);
        return normalise(parse(json, "the decrypted message"), json);
    }

    static InboundDraft normalise(JsonNode m, String raw) {
        String msgId = text(m, "msgid");
        String sender = text(m.path("from"), "userid");
        String msgType = text(m, "msgtype");
        if (msgId == null || sender == null || msgType == null) {
            throw WebhookRejection.malformed("the message needs msgid, from.userid and msgtype");
        }
        boolean group = "group".equalsIgnoreCase(text(m, "chattype"));
        String botId = text(m, "aibotid");
        String text = null;
        String event = null;
        MessageKind kind;
        List<MediaRef> media = new ArrayList<>();
        switch (msgType.toLowerCase(Locale.ROOT)) {
            case "text" -> {
                kind = MessageKind.TEXT;
                text = Optional.ofNullable(text(m.path("text"), "content")).orElse("");
                if (group) {
                    text = LEADING_MENTION.matcher(text).replaceFirst("");
                }
            }
            case "voice" -> {
                kind = MessageKind.VOICE;
                text = text(m.path("voice"), "content");
                // the robot sends the transcript only, no audio
                media.add(MediaRef.voice(MediaRef.Source.NONE, null, null, text));
            }
            case "image" -> {
                kind = MessageKind.IMAGE;
                image(m.path("image"), media);
            }
            case "mixed" -> {
                kind = MessageKind.TEXT;
                StringBuilder sb = new StringBuilder();
                for (JsonNode item : m.path("mixed").path("msg_item")) {
                    String t = text(item.path("text"), "content");
                    if (t != null) {
                        sb.append(sb.isEmpty() ? "" : "\n").append(t);
                    }
                    if ("image".equalsIgnoreCase(text(item, "msgtype"))) {
                        image(item.path("image"), media);
                    }
                }
                text = group ? LEADING_MENTION.matcher(sb).replaceFirst("") : sb.toString();
            }
            case "event" -> {
                kind = MessageKind.EVENT;
                event = Optional.ofNullable(text(m.path("event"), "eventtype")).orElse("unknown");
            }
            default -> kind = MessageKind.OTHER;
        }
        Instant time = m.path("create_time").canConvertToLong()
                ? PlatformTime.ofEpochSecond(m.path("create_time").asLong(), "create_time")
                : null;
        return new InboundDraft(
                WechatXmlMessage.bounded("id:" + msgId),
                kind,
                event,
                null,
                group ? text(m, "chatid") : null,
                sender,
                null,
                botId,
                text,
                group && botId != null ? List.of(botId) : List.of(),
                group,
                msgId,
                time,
                text(m, "response_url"),
                raw,
                true,
                null,
                media);
    }

    /**
     * An image item: its URL serves the file AES-encrypted with the robot's EncodingAESKey, or with the
     * key the item carries ({@code aeskey}) when it has one.
     */
    private static void image(JsonNode image, List<MediaRef> media) {
        String url = text(image, "url");
        if (url == null || url.isBlank()) {
            throw WebhookRejection.malformed("an image needs image.url");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw WebhookRejection.malformed("image.url must be an http(s) URL");
        }
        // the long-connection mode gives each image its own key (image.aeskey); callbacks use the EncodingAESKey
        String aesKey = text(image, "aeskey");
        media.add(MediaRef.encryptedImage(url, aesKey == null || aesKey.isBlank() ? null : aesKey.strip()));
    }

    @Override
    public CallbackAnswer answer(
            ChannelSecrets channel,
            CallbackRequest request,
            String senderId,
            String accountId,
            Optional<String> reply) {
        if (reply.isEmpty()) {
            return CallbackAnswer.text("");
        }
        ObjectNode plain = JSON.createObjectNode().put("msgtype", "stream");
        plain.putObject("stream")
                .put("id", UUID.randomUUID().toString())
                .put("finish", true)
                .put("content", reply.get());
        String timestamp = Long.toString(request.now().getEpochSecond());
        String nonce = Optional.ofNullable(request.param("nonce")).orElse("tongxin");
        String encrypted = channel.crypto().encrypt(plain.toString());
        ObjectNode out = JSON.createObjectNode()
                .put("encrypt", encrypted)
                .put("msgsignature", WechatCrypto.signature(channel.token(), timestamp, nonce, encrypted))
                .put("timestamp", Long.parseLong(timestamp))
                .put("nonce", nonce);
        return CallbackAnswer.json(out.toString());
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                throw WebhookRejection.malformed(what + " is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw WebhookRejection.malformed(what + " is not valid JSON");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
