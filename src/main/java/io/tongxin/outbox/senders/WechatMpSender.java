package io.tongxin.outbox.senders;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat Official Account customer-service message (客服消息):
 * {@code POST {base}/cgi-bin/message/custom/send?access_token=T} with {@code touser} (OpenID) and a
 * text; markdown is sent as its text. Token from
 * {@code /cgi-bin/token?grant_type=client_credential&appid&secret}. Only works within 48 hours of
 * the follower's last message (45015 otherwise: dead). A photo part is uploaded as temporary media
 * ({@code /cgi-bin/media/upload}) and sent as {@code msgtype: image} with its {@code media_id}.
 */
@ApplicationScoped
public class WechatMpSender extends TokenSender {

    @Override
    public String name() {
        return "wechat-mp";
    }

    static final java.util.Set<String> PHOTO_TYPES = java.util.Set.of("image/jpeg", "image/png", "image/gif");

    @Override
    public SendResult send(SendRequest r) {
        SendingChannel c = r.channel();
        if (r.photoOnly()) {
            return uploadAndSend(
                    r,
                    token -> c.apiBaseUrl() + "/cgi-bin/message/custom/send?access_token=" + PlatformHttp.enc(token),
                    mediaId -> {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("touser", r.targetId());
                        body.put("msgtype", "image");
                        body.put("image", Map.of("media_id", mediaId));
                        return body;
                    },
                    PHOTO_TYPES);
        }
        Map<String, Object> body = body(r);
        return withToken(
                c,
                token -> http.postJson(
                        c.apiBaseUrl() + "/cgi-bin/message/custom/send?access_token=" + PlatformHttp.enc(token), body));
    }

    static Map<String, Object> body(SendRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", r.targetId());
        body.put("msgtype", "text");
        body.put("text", Map.of("content", r.text()));
        return body;
    }

    @Override
    String tokenKey(SendingChannel c) {
        return "wechat-mp:" + c.key();
    }

    @Override
    String credentials(SendingChannel c) {
        return c.appId() + "\n" + c.appSecret();
    }

    @Override
    String tokenUrl(SendingChannel c) {
        return c.apiBaseUrl() + "/cgi-bin/token?grant_type=client_credential&appid=" + PlatformHttp.enc(c.appId())
                + "&secret=" + PlatformHttp.enc(c.appSecret() == null ? "" : c.appSecret());
    }
}
