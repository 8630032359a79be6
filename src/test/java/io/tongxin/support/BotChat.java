package io.tongxin.support;

import static io.tongxin.support.Api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to the bot the way a bridge does: signed bridge webhooks over real HTTP on a channel of its
 * own, answering the passive reply the webhook returned (null when the bot said nothing inline).
 */
public final class BotChat {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final String channel;

    private BotChat(String channel) {
        this.channel = channel;
    }

    /** A new bridge channel whose key starts with {@code prefix} (the bot answers on its test channels). */
    public static BotChat bridge(String prefix, String language) {
        String key = Api.uniq(prefix);
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("type", "bridge");
        body.put("name", "机器人测试");
        body.put("secret", Webhooks.BRIDGE_SECRET);
        body.put("sendUrl", "http://127.0.0.1:9/send");
        body.put("dryRun", true);
        if (language != null) {
            body.put("language", language);
        }
        admin().body(body).post("/api/channels").then().statusCode(201);
        return new BotChat(key);
    }

    /** A direct message from {@code userId}; the inline reply or null. */
    public String direct(String userId, String text) {
        return reply(post(message(null, userId, text, false)));
    }

    /** A group message; {@code mention}: whether it @-mentions the bot. */
    public String group(String chatId, String userId, String text, boolean mention) {
        return reply(post(message(chatId, userId, mention ? "@同心助手 " + text : text, mention)));
    }

    public Response post(String json) {
        return Webhooks.postBridge(channel, json);
    }

    public static String message(String chatId, String userId, String text, boolean mentionsBot) {
        Map<String, Object> m = new HashMap<>();
        m.put("messageId", UUID.randomUUID().toString());
        m.put("chat", chatId == null ? null : Map.of("id", chatId, "name", "居民群"));
        m.put("sender", Map.of("id", userId, "name", "居民" + userId.substring(Math.max(0, userId.length() - 2))));
        m.put("text", text);
        m.put("mentions", mentionsBot ? List.of("wxid_tongxin_bot") : List.of());
        m.put("mentionsBot", mentionsBot);
        m.put("timestamp", Long.parseLong(Webhooks.now()));
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reply(Response r) {
        r.then().statusCode(200);
        String body = r.asString();
        if (body == null || body.isBlank()) {
            return null;
        }
        return r.jsonPath().getString("reply");
    }
}
