package io.tongxin.outbox.senders;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongxin.outbox.Content.Format;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeCom self-built app (自建应用): {@code POST {base}/cgi-bin/message/send?access_token=T} with
 * {@code touser, msgtype, agentid, text|markdown} for a member, or {@code /cgi-bin/appchat/send}
 * with {@code chatid} for an app group chat. Token from {@code /cgi-bin/gettoken?corpid&corpsecret}.
 * An answer with errcode 0 that lists the recipient in {@code invaliduser} is a permanent failure.
 * A photo part is uploaded as temporary media and sent as {@code msgtype: image} with its
 * {@code media_id} (JPEG and PNG, as the media API takes them).
 */
@ApplicationScoped
public class WecomAppSender extends TokenSender {

    @Override
    public String name() {
        return "wecom-app";
    }

    static final java.util.Set<String> PHOTO_TYPES = java.util.Set.of("image/jpeg", "image/png");

    @Override
    public SendResult send(SendRequest r) {
        SendingChannel c = r.channel();
        boolean chat = "chat".equals(r.targetKind());
        String path = chat ? "/cgi-bin/appchat/send" : "/cgi-bin/message/send";
        if (r.photoOnly()) {
            return uploadAndSend(
                    r,
                    token -> c.apiBaseUrl() + path + "?access_token=" + PlatformHttp.enc(token),
                    mediaId -> imageBody(r, mediaId),
                    PHOTO_TYPES);
        }
        Map<String, Object> body = body(r);
        return withToken(
                c, token -> http.postJson(c.apiBaseUrl() + path + "?access_token=" + PlatformHttp.enc(token), body));
    }

    /** {@code {touser, msgtype: image, agentid, image: {media_id}}}, or {@code chatid} for an app group chat. */
    static Map<String, Object> imageBody(SendRequest r, String mediaId) {
        Map<String, Object> body = new LinkedHashMap<>();
        address(r, body, "image");
        body.put("image", Map.of("media_id", mediaId));
        return body;
    }

    private static void address(SendRequest r, Map<String, Object> body, String type) {
        if ("chat".equals(r.targetKind())) {
            body.put("chatid", r.targetId());
            body.put("msgtype", type);
        } else {
            body.put("touser", r.targetId());
            body.put("msgtype", type);
            body.put("agentid", r.channel().agentId());
        }
    }

    static Map<String, Object> body(SendRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        String type = r.format() == Format.MARKDOWN ? "markdown" : "text";
        address(r, body, type);
        body.put(type, Map.of("content", r.text()));
        return body;
    }

    @Override
    SendResult postProcess(PlatformHttp.Answer answer) {
        SendResult result = http.errcodeResult(answer);
        if (result.isSent()) {
            JsonNode node = http.read(answer.body());
            if (node != null && !node.path("invaliduser").asText("").isBlank()) {
                return SendResult.permanent("invaliduser", PlatformHttp.trim(answer.body()));
            }
        }
        return result;
    }

    @Override
    String tokenKey(SendingChannel c) {
        return "wecom-app:" + c.key();
    }

    @Override
    String credentials(SendingChannel c) {
        return c.corpId() + "\n" + c.secret();
    }

    @Override
    String tokenUrl(SendingChannel c) {
        return c.apiBaseUrl() + "/cgi-bin/gettoken?corpid=" + PlatformHttp.enc(c.corpId()) + "&corpsecret="
                + PlatformHttp.enc(c.secret());
    }
}
