package io.tongxin.outbox.senders;

import io.tongxin.channel.bridge.BridgeSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bridge to personal WeChat groups: {@code POST {sendUrl}} with {@code {chatId|userId, text, mentions}}
 * and, on the last part of a message with a photo, {@code attachments: [{kind: "image", mime, name, base64}]}
 * (the inbound attachment form; the bridge says the photo after the text),
 * signed like inbound bridge calls: {@code X-Tongxin-Timestamp} (epoch seconds) and
 * {@code X-Tongxin-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 * 2xx is sent; 429 throttled; other 4xx permanent; 5xx and network errors temporary.
 */
@ApplicationScoped
public class BridgeSender implements Sender {

    @Inject
    PlatformHttp http;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public SendResult send(SendRequest r) {
        String body = http.write(body(r));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = Map.of(
                "X-Tongxin-Timestamp",
                timestamp,
                "X-Tongxin-Signature",
                BridgeSignature.sign(r.channel().secret(), timestamp, body.getBytes(StandardCharsets.UTF_8)));
        try {
            PlatformHttp.Answer a = http.postJson(r.channel().sendUrl(), body, headers);
            if (a.ok()) {
                return SendResult.sent(PlatformHttp.trim(a.body()));
            }
            String code = "http-" + a.status();
            if (a.status() == 429) {
                return SendResult.throttled(code, PlatformHttp.trim(a.body()));
            }
            if (a.status() >= 400 && a.status() < 500 && a.status() != 408) {
                return SendResult.permanent(code, PlatformHttp.trim(a.body()));
            }
            return SendResult.temporary(code, PlatformHttp.trim(a.body()));
        } catch (PlatformHttp.Unreachable e) {
            return e.asResult();
        }
    }

    static Map<String, Object> body(SendRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        // stable across retries of the same part: a bridge can drop a resend after our crash between its
        // accepting the message and our recording it as sent
        body.put("id", r.messageId() + "." + r.part());
        body.put("chat".equals(r.targetKind()) ? "chatId" : "userId", r.targetId());
        body.put("text", r.text());
        body.put("mentions", r.firstPart() ? r.mentionUserIds() : java.util.List.of());
        if (r.image() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("kind", "image");
            a.put("mime", r.image().mime());
            a.put("name", r.image().name());
            a.put(
                    "base64",
                    java.util.Base64.getEncoder().encodeToString(r.image().bytes()));
            body.put("attachments", java.util.List.of(a));
        }
        return body;
    }
}
