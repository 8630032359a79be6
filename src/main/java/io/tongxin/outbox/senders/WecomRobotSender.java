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
 */
@ApplicationScoped
public class WecomRobotSender implements Sender {

    @Inject
    PlatformHttp http;

    @Override
    public String name() {
        return "wecom-robot";
    }

    @Override
    public SendResult send(SendRequest r) {
        String url = r.channel().apiBaseUrl() + "/cgi-bin/webhook/send?key=" + PlatformHttp.enc(r.targetId());
        try {
            return http.errcodeResult(http.postJson(url, body(r)));
        } catch (PlatformHttp.Unreachable e) {
            return e.asResult();
        }
    }

    static Map<String, Object> body(SendRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
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
}
