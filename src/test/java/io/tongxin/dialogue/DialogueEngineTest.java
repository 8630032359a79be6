package io.tongxin.dialogue;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.BotChat;
import org.junit.jupiter.api.Test;

/** The engine on the shipped help script, through real bridge webhooks. */
@QuarkusTest
class DialogueEngineTest {

    @Test
    void answersHelpAndFallbackInTheChannelsLanguageOnly() {
        BotChat zh = BotChat.bridge("intake-bot-h", null);
        String help = zh.direct("wxid_a1", "帮助");
        assertTrue(help.startsWith("请直接描述您反映的问题"), help);
        assertTrue(!help.contains("Please"), "one language per reply: " + help);
        BotChat en = BotChat.bridge("intake-bot-h", "en");
        String enHelp = en.direct("wxid_a1", "help");
        assertTrue(enHelp.startsWith("Please describe your concern"), enHelp);
        assertTrue(!enHelp.contains("请"), enHelp);
    }

    @Test
    void ignoresGroupChatterAndAnswersWhenMentioned() {
        BotChat chat = BotChat.bridge("intake-bot-g", null);
        assertNull(chat.group("room-1", "wxid_b1", "今天天气不错", false));
        String r = chat.group("room-1", "wxid_b1", "帮助", true);
        assertTrue(r.startsWith("请在 @我 后描述"), r);
    }

    @Test
    void listsTheLoadedScripts() {
        admin().get("/api/bot/scripts")
                .then()
                .statusCode(200)
                .body("scripts.id", hasItem("help"))
                .body("errors.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        assertEquals(200, admin().get("/api/bot/scripts").statusCode());
    }

    @Test
    void simulatesInATransactionItRollsBack() {
        BotChat chat = BotChat.bridge("bot-s", null);
        admin().body(java.util.Map.of("channelKey", chat.channel, "userId", "wxid_s1", "text", "帮助"))
                .post("/api/bot/simulate")
                .then()
                .statusCode(200)
                .body("script", org.hamcrest.Matchers.equalTo("help"))
                .body("replies[0].text", org.hamcrest.Matchers.startsWith("请直接描述您反映的问题"));
    }
}
