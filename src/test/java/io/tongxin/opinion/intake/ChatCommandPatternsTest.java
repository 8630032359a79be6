package io.tongxin.opinion.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxin.opinion.intake.MemberCommands.Command;
import io.tongxin.opinion.intake.MemberCommands.Verb;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the chat commands are read, without Quarkus: members' commands and residents' ratings and queries. */
class ChatCommandPatternsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "收到 2026-000123|ACKNOWLEDGE|2026-000123|",
                "确认2026-123|ACKNOWLEDGE|2026-000123|",
                "已收到：2026 - 7。|ACKNOWLEDGE|2026-000007|",
                "ACK 2026-5!|ACKNOWLEDGE|2026-000005|",
                "acknowledge 2026-000005|ACKNOWLEDGE|2026-000005|",
                "备注 2026-000123 已约居民周五见面|NOTE|2026-000123|已约居民周五见面",
                "进展：2026-12，已联系物业|NOTE|2026-000012|已联系物业",
                "note 2026-12|NOTE|2026-000012|",
                "办结 2026-000123 南门排水口已疏通|RESOLVE|2026-000123|南门排水口已疏通",
                "完成 2026-1 修好了|RESOLVE|2026-000001|修好了",
                "Done 2026-1: fixed|RESOLVE|2026-000001|fixed",
                "转交 2026-000123 属教育界别|TRANSFER|2026-000123|属教育界别",
                "转办2026-9|TRANSFER|2026-000009|",
                "transfer 2026-9 not mine|TRANSFER|2026-000009|not mine",
                "我的任务|TASKS||",
                "任务？|TASKS||",
                "待办|TASKS||",
                "My Tasks|TASKS||",
                "帮助|HELP||",
                "收到|HELP||",
                "收到 123|HELP||",
                "收到 2026-000123 谢谢|HELP||",
                "今天天气不错|HELP||"
            })
    void shouldReadAMembersCommand(String text, Verb verb, String number, String rest) {
        Command c = MemberCommands.parse(text);
        assertEquals(verb, c.verb());
        assertEquals(number, c.number());
        if (verb.action != null) {
            assertEquals(rest == null ? "" : rest, c.text());
        }
    }

    @Test
    void shouldKeepAMultiLineNoteAndCutItTo2000Characters() {
        assertEquals("第一行\n第二行", MemberCommands.parse("备注 2026-1 第一行\n第二行").text());
        assertEquals(
                2000,
                MemberCommands.parse("办结 2026-1 " + "修".repeat(2500)).text().length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"5|5", "1|1", "4分|4", "3 星|3", "5颗星！|5", "2。|2"})
    void shouldReadABareRating(String text, int rating) {
        assertEquals(Optional.of(rating), ReportIntake.rating(ReportIntake.ratingText(text, false)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "6", "10", "55", "5 很好", "五", "评分 5"})
    void shouldNotTakeOtherTextForARating(String text) {
        assertEquals(Optional.empty(), ReportIntake.rating(ReportIntake.ratingText(text, false)));
    }

    @Test
    void shouldReadAMentionOfSomeoneElseAsNoRating() {
        // "@张三 5" in a group is for 张三, not a rating for the bot
        assertFalse(ReportIntake.rating(ReportIntake.ratingText("@张三 5", false)).isPresent());
        // with the bot mentioned, its mention is dropped and the digit rates
        assertEquals(Optional.of(5), ReportIntake.rating(ReportIntake.ratingText("@同心小助手\u20055", true)));
    }

    @Test
    void shouldDropOnlyTheOpeningAndClosingMentions() {
        assertEquals("路灯坏了", ReportIntake.withoutMentions("@同心小助手\u2005路灯坏了"));
        assertEquals("路灯坏了", ReportIntake.withoutMentions("@a @b 路灯坏了 @c"));
        assertEquals("请@物业 看看路灯", ReportIntake.withoutMentions("@bot 请@物业 看看路灯"));
        assertEquals("", ReportIntake.withoutMentions("@bot"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "查询 2026-000123|2026-000123",
                "查询进度2026-12|2026-000012",
                "进度：2026 - 3？|2026-000003",
                "status 2026-1|2026-000001",
                "Query 2026-1.|2026-000001"
            })
    void shouldReadAStatusQuery(String text, String number) {
        assertEquals(number, ReportIntake.statusQuery(text).orElseThrow().number());
    }

    @Test
    void shouldAnswerAStatusQueryWithoutANumberWithTheUsage() {
        assertEquals(Optional.of(new ReportIntake.StatusQuery(null)), ReportIntake.statusQuery("查询"));
        assertEquals(Optional.empty(), ReportIntake.statusQuery("查询一下路灯"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"帮助", "help", "HELP", "?", "？", "菜单", "menu"})
    void shouldRecogniseAHelpRequest(String text) {
        assertTrue(ReportIntake.asksHelp(text));
    }

    @Test
    void shouldNotTakeAConcernForHelp() {
        assertFalse(ReportIntake.asksHelp("帮助一下，路灯坏了"));
    }
}
