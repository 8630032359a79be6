package io.tongxin.dialogue;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.BotChat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/bot/simulate} answers (its rolled-back transaction is not an error). */
@QuarkusTest
class PlaygroundTest {

    @Test
    void shouldSimulateAMessageAndAnswerWithTheScriptsReply() {
        BotChat chat = BotChat.bridge("intake-play", null);
        admin().body(Map.of("channelKey", chat.channel, "userId", "wxid_p1", "text", "帮助"))
                .post("/api/bot/simulate")
                .then()
                .statusCode(200)
                .body("script", equalTo("help"))
                .body("replies[0].text", startsWith("请直接描述您反映的问题"));
    }

    /** An ask whose choicesFrom answers none still renders its prompt (the template gets an empty list). */
    @Test
    void shouldAskWithAnEmptyChoiceList() throws Exception {
        Path file = Path.of("target/test-bot-scripts/zz-test-no-choices.yaml");
        Files.writeString(file, """
                id: zz-test-no-choices
                triggers:
                  - command: [zzchoose]
                steps:
                  - ask: pick
                    prompt: ask-pick
                    choicesFrom: test-no-choices
                    retry: ask-pick
                action:
                  name: test-no-choices
                templates:
                  ask-pick:
                    zh-CN: "可选 {choices.size} 项"
                    en: "{choices.size} choices"
                  choices:
                    zh-CN: 好
                    en: ok
                """);
        try {
            admin().post("/api/bot/scripts/reload").then().statusCode(200);
            BotChat chat = BotChat.bridge("intake-play", null);
            admin().body(Map.of("channelKey", chat.channel, "userId", "wxid_p2", "text", "zzchoose"))
                    .post("/api/bot/simulate")
                    .then()
                    .statusCode(200)
                    .body("replies[0].text", equalTo("可选 0 项"));
        } finally {
            Files.deleteIfExists(file);
            admin().post("/api/bot/scripts/reload").then().statusCode(200);
        }
    }
}
