package io.tongxin.channel.bridge;

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
import io.tongxin.channel.WechatXmlMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signed JSON protocol for bridges to personal WeChat groups (e.g. a Wechaty bot):
 * <pre>{ "messageId", "chat": {"id","name"} | null, "sender": {"id","name"}, "text",
 *   "mentions": [ids], "mentionsBot": bool, "timestamp", "attachments"?: [...], "event"?, "eventKey"? }</pre>
 * signed with {@link BridgeSignature}. With {@code event} (e.g. {@code roomJoin}: {@code sender} joined
 * {@code chat}; {@code botRemoved}: {@code sender} removed the bot) the message is a platform event,
 * matched by scripts' {@code event:} triggers like an Official Account's {@code subscribe}. The answer is JSON: {@code {"status":"accepted"}} plus
 * {@code "reply"} when the bot answered within the reply budget.
 */
public final class BridgeAdapter implements CallbackAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String verifyUrl(ChannelSecrets channel, CallbackRequest request) {
        // A bridge proves it holds the secret by signing the challenge itself: GET ?challenge=... with
        // the timestamp and signature headers over the challenge; the challenge is echoed.
        String challenge = request.requireParam("challenge");
        check(channel, request, challenge.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return challenge;
    }

    @Override
    public InboundDraft open(ChannelSecrets channel, CallbackRequest request) {
        check(channel, request, request.body());
        String raw = StrictUtf8.decode(request.body(), "the request body");
        JsonNode m;
        try {
            m = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw WebhookRejection.malformed("the request body is not valid JSON");
        }
        if (m == null || !m.isObject()) {
            throw WebhookRejection.malformed("the request body is not a JSON object");
        }
        String messageId = text(m, "messageId");
        String senderId = text(m.path("sender"), "id");
        if (messageId == null || messageId.isBlank() || senderId == null || senderId.isBlank()) {
            throw WebhookRejection.malformed("messageId and sender.id are required");
        }
        JsonNode chat = m.get("chat");
        String chatId = null;
        if (chat != null && !chat.isNull()) {
            chatId = text(chat, "id");
            if (!chat.isObject() || chatId == null || chatId.isBlank()) {
                throw WebhookRejection.malformed("chat must be null or an object with an id");
            }
        }
        List<String> mentions = new ArrayList<>();
        JsonNode ms = m.path("mentions");
        if (!ms.isMissingNode() && !ms.isNull()) {
            if (!ms.isArray()) {
                throw WebhookRejection.malformed("mentions must be an array of ids");
            }
            ms.forEach(x -> mentions.add(x.asText()));
        }
        JsonNode mentionsBot = m.path("mentionsBot");
        if (!mentionsBot.isMissingNode() && !mentionsBot.isNull() && !mentionsBot.isBoolean()) {
            throw WebhookRejection.malformed("mentionsBot must be true or false");
        }
        String event = optionalText(m, "event");
        String eventKey = optionalText(m, "eventKey");
        List<MediaRef> media = BridgeAttachments.parse(m.get("attachments"));
        String text = Optional.ofNullable(text(m, "text")).orElse("");
        MessageKind kind = event != null ? MessageKind.EVENT : MessageKind.TEXT;
        if (event == null && text.isBlank() && !media.isEmpty()) {
            kind = switch (media.get(0).kind()) {
                case IMAGE -> MessageKind.IMAGE;
                case VOICE -> MessageKind.VOICE;
                case LOCATION -> MessageKind.LOCATION;
            };
        }
        return new InboundDraft(
                WechatXmlMessage.bounded("id:" + messageId),
                kind,
                event,
                event != null ? eventKey : null,
                chatId,
                senderId,
                text(m.path("sender"), "name"),
                null,
                text,
                mentions,
                mentionsBot.asBoolean(false),
                messageId,
                time(m.get("timestamp")),
                null,
                raw,
                true,
                null,
                media);
    }

    @Override
    public CallbackAnswer answer(
            ChannelSecrets channel,
            CallbackRequest request,
            String senderId,
            String accountId,
            Optional<String> reply) {
        ObjectNode out = JSON.createObjectNode().put("status", "accepted");
        reply.ifPresent(r -> out.put("reply", r));
        return CallbackAnswer.json(out.toString());
    }

    private static void check(ChannelSecrets channel, CallbackRequest request, byte[] signed) {
        String timestamp = request.header().apply(BridgeSignature.TIMESTAMP_HEADER);
        String signature = request.header().apply(BridgeSignature.SIGNATURE_HEADER);
        if (timestamp == null || signature == null) {
            throw WebhookRejection.signature("the X-Tongxin-Timestamp and X-Tongxin-Signature headers are required");
        }
        if (!BridgeSignature.verify(channel.secret(), timestamp, signed, signature)) {
            throw WebhookRejection.signature("the X-Tongxin-Signature does not match");
        }
        request.checkTimestamp(timestamp);
    }

    private static Instant time(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber() && !n.canConvertToLong()) {
            throw WebhookRejection.malformed("timestamp is out of range (1970 to 9999)");
        }
        if (n.canConvertToLong()) {
            long v = n.asLong();
            return v > 100_000_000_000L
                    ? PlatformTime.ofEpochMilli(v, "timestamp")
                    : PlatformTime.ofEpochSecond(v, "timestamp");
        }
        try {
            return PlatformTime.check(Instant.parse(n.asText()), "timestamp");
        } catch (DateTimeParseException e) {
            throw WebhookRejection.malformed("timestamp must be epoch seconds, epoch milliseconds or ISO-8601");
        }
    }

    /** A string field that may be absent or null; blank counts as absent; anything else is malformed. */
    private static String optionalText(JsonNode m, String field) {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw WebhookRejection.malformed(field + " must be a string");
        }
        return v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
