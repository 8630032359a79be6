package io.tongxin.event;

import io.tongxin.support.BotChat;
import io.tongxin.support.Webhooks;
import java.util.Optional;

/**
 * Says something in a chat of an event test's bridge channel over a real signed webhook, as a bridge
 * does, and answers the bot's inline reply. A text starting with {@code @} @-mentions the bot.
 */
final class ChatSays {

    private ChatSays() {}

    static Optional<String> say(String channel, String chatId, String userId, String text) {
        var r = Webhooks.postBridge(channel, BotChat.message(chatId, userId, text, text.startsWith("@")));
        r.then().statusCode(200);
        String body = r.asString();
        return body == null || body.isBlank()
                ? Optional.empty()
                : Optional.ofNullable(r.jsonPath().getString("reply"));
    }
}
