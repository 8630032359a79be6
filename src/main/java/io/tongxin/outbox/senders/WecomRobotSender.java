package io.tongxin.outbox.senders;

import io.tongxin.outbox.Content.Format;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeCom group robot (群机器人): {@code POST {base}/cgi-bin/webhook/send?key=KEY}, text with
 * {@code mentioned_list}/{@code mentioned_mobile_list}, or markdown with {@code <@userid>} mentions.
 * No token; the key is the credential. errcode 0 is sent, 45009/45033 throttled, 93000 (invalid key) dead.
 * A photo part goes as {@code msgtype: image} with the file's {@code base64} and {@code md5} (JPEG or
 * PNG, at most 2 MB before encoding, as the robot takes them; another photo is not sent, and the
 * part says why).
 */
@ApplicationScoped
public class WecomRobotSender implements Sender {

    @Inject
    PlatformHttp http;

    @Override
    public String name() {
        return "wecom-robot";
    }

    /** The largest photo a group robot takes, before base64. */
    static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;

    @Override
    public SendResult send(SendRequest r) {
        if (r.photoOnly()) {
            var image = r.image();
            if (!WecomAppSender.PHOTO_TYPES.contains(image.mime()) || image.bytes().length > MAX_PHOTO_BYTES) {
                return SendResult.sent("photo not sent: a group robot takes JPEG or PNG up to 2 MB, this is "
                        + image.mime() + " of " + image.bytes().length + " bytes");
            }
        }
        String url = r.channel().apiBaseUrl() + "/cgi-bin/webhook/send?key=" + PlatformHttp.enc(r.targetId());
        try {
            return http.errcodeResult(http.postJson(url, body(r)));
        } catch (PlatformHttp.Unreachable e) {
            return e.asResult();
        }
    }

    static Map<String, Object> body(SendRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (r.photoOnly()) {
            byte[] bytes = r.image().bytes();
            body.put("msgtype", "image");
            body.put("image", Map.of("base64", java.util.Base64.getEncoder().encodeToString(bytes), "md5", md5(bytes)));
            return body;
        }
        if (r.format() == Format.MARKDOWN) {
            StringBuilder content = new StringBuilder(r.text());
            if (r.firstPart() && !r.mentionUserIds().isEmpty()) {
                content.append('\n');
                r.mentionUserIds().forEach(u -> content.append("<@").append(u).append('>'));
            }
            body.put("msgtype", "markdown");
            body.put("markdown", Map.of("content", content.toString()));
        } else {
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("content", r.text());
            if (r.firstPart() && !r.mentionUserIds().isEmpty()) {
                text.put("mentioned_list", r.mentionUserIds());
            }
            if (r.firstPart() && !r.mentionMobiles().isEmpty()) {
                text.put("mentioned_mobile_list", r.mentionMobiles());
            }
            body.put("msgtype", "text");
            body.put("text", text);
        }
        return body;
    }

    static String md5(byte[] b) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
