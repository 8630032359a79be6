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
 */
@ApplicationScoped
public class WecomAppSender extends TokenSender {

    @Override
    public String name() {
        return "wecom-app";
    }

    @Override
    public SendResult send(SendRequest r) {
        SendingChannel c = r.channel();
        boolean chat = "chat".equals(r.targetKind());
        Map<String, Object> body = body(r);
        return withToken(
                c,
                token -> http.postJson(
                        c.apiBaseUrl() + (chat ? "/cgi-bin/appchat/send" : "/cgi-bin/message/send") + "?access_token="
                                + PlatformHttp.enc(token),
                        body));
    }

    static Map<String, Object> body(SendRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        String type = r.format() == Format.MARKDOWN ? "markdown" : "text";
        if ("chat".equals(r.targetKind())) {
            body.put("chatid", r.targetId());
            body.put("msgtype", type);
        } else {
            body.put("touser", r.targetId());
            body.put("msgtype", type);
            body.put("agentid", r.channel().agentId());
        }
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
