package io.tongxin.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The XML message format that Official Accounts and WeCom apps share: normalisation of
 * text/image/voice/location/link/event messages, the dedupe key, and the reply envelopes.
 */
public final class WechatXmlMessage {

    private WechatXmlMessage() {}

    /** Normalises a parsed, decrypted message; 400 when a required field is missing. */
    public static InboundDraft normalise(Map<String, String> f, String raw) {
        String from = required(f, "FromUserName");
        String createTime = required(f, "CreateTime");
        String msgType = required(f, "MsgType").toLowerCase(Locale.ROOT);
        Instant time;
        try {
            time = PlatformTime.ofEpochSecond(Long.parseLong(createTime.strip()), "CreateTime");
        } catch (NumberFormatException e) {
            throw WebhookRejection.malformed("CreateTime is not a number");
        }
        String msgId = blankToNull(f.get("MsgId"));
        String event = null;
        String eventKey = null;
        String text = null;
        MessageKind kind;
        List<MediaRef> media = List.of();
        switch (msgType) {
            case "text" -> {
                kind = MessageKind.TEXT;
                text = f.getOrDefault("Content", "");
            }
            case "image" -> {
                kind = MessageKind.IMAGE;
                media = List.of(MediaRef.image(
                        MediaRef.Source.PLATFORM_MEDIA, blankToNull(f.get("MediaId")), blankToNull(f.get("PicUrl"))));
            }
            case "voice" -> {
                kind = MessageKind.VOICE;
                text = blankToNull(f.get("Recognition"));
                media = List.of(MediaRef.voice(
                        MediaRef.Source.PLATFORM_MEDIA,
                        blankToNull(f.get("MediaId")),
                        blankToNull(f.get("Format")),
                        text));
            }
            case "location" -> {
                kind = MessageKind.LOCATION;
                text = blankToNull(f.get("Label"));
                media = List.of(MediaRef.location(
                        coordinate(f, "Location_X", 90), coordinate(f, "Location_Y", 180), scale(f), text));
            }
            case "link" -> {
                kind = MessageKind.LINK;
                text = blankToNull(f.get("Title"));
            }
            case "event" -> {
                kind = MessageKind.EVENT;
                event = required(f, "Event");
                eventKey = blankToNull(f.get("EventKey"));
            }
            default -> kind = MessageKind.OTHER;
        }
        String dedupe = msgId != null
                ? "id:" + msgId
                : "at:" + from + ":" + createTime.strip() + (event != null ? ":" + event + ":" + nz(eventKey) : "");
        return new InboundDraft(
                bounded(dedupe),
                kind,
                event,
                eventKey,
                blankToNull(f.get("ChatId")),
                from,
                null,
                f.get("ToUserName"),
                text,
                List.of(),
                false,
                msgId,
                time,
                null,
                raw,
                true,
                null,
                media);
    }

    /** A latitude (Location_X) or longitude (Location_Y); 400 when it is not a number within ±{@code bound}. */
    private static Double coordinate(Map<String, String> f, String name, double bound) {
        String v = blankToNull(f.get(name));
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isNaN(d) || Math.abs(d) > bound) {
                throw WebhookRejection.malformed(name + " is out of range");
            }
            return d;
        } catch (NumberFormatException e) {
            throw WebhookRejection.malformed(name + " is not a number");
        }
    }

    private static Integer scale(Map<String, String> f) {
        String v = blankToNull(f.get("Scale"));
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw WebhookRejection.malformed("Scale is not a whole number");
        }
    }

    /** The plaintext passive reply: To/From swapped, a text message. */
    public static String passiveText(String toUser, String fromUser, Instant now, String content) {
        return "<xml><ToUserName>" + CallbackXml.cdata(toUser) + "</ToUserName><FromUserName>"
                + CallbackXml.cdata(fromUser) + "</FromUserName><CreateTime>" + now.getEpochSecond()
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>" + CallbackXml.cdata(content)
                + "</Content></xml>";
    }

    /** {@code <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>} around an encrypted message. */
    public static String encryptedEnvelope(
            WechatCrypto crypto, String token, String plaintext, String timestamp, String nonce) {
        String encrypted = crypto.encrypt(plaintext);
        String signature = WechatCrypto.signature(token, timestamp, nonce, encrypted);
        return "<xml><Encrypt>" + CallbackXml.cdata(encrypted) + "</Encrypt><MsgSignature>"
                + CallbackXml.cdata(signature) + "</MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce>"
                + CallbackXml.cdata(nonce) + "</Nonce></xml>";
    }

    /** Dedupe keys are stored in a 200-character column: long ones are hashed. */
    public static String bounded(String key) {
        if (key.length() <= 200) {
            return key;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "h:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String required(Map<String, String> f, String name) {
        String v = f.get(name);
        if (v == null || v.isBlank()) {
            throw WebhookRejection.malformed("the message has no " + name);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
