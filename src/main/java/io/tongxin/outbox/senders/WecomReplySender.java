package io.tongxin.outbox.senders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeCom smart-robot (智能机器人) active reply: {@code POST {response_url}} with a markdown message.
 * A response_url is single-use and expires (about an hour); the dispatcher routes to the group's
 * robot webhook instead once it is used or expired.
 */
@ApplicationScoped
public class WecomReplySender implements Sender {

    @Inject
    PlatformHttp http;

    @Override
    public String name() {
        return "wecom-reply";
    }

    @Override
    public SendResult send(SendRequest r) {
        try {
            return http.errcodeResult(http.postJson(r.targetId(), body(r)));
        } catch (PlatformHttp.Unreachable e) {
            return e.asResult();
        }
    }

    static Map<String, Object> body(SendRequest r) {
        StringBuilder content = new StringBuilder(r.text());
        if (r.firstPart() && !r.mentionUserIds().isEmpty()) {
            content.append('\n');
            r.mentionUserIds().forEach(u -> content.append("<@").append(u).append('>'));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("content", content.toString()));
        return body;
    }
}
