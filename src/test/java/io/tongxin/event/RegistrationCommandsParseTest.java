package io.tongxin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the registration commands recognise (no database: the report intake asks before filing). */
class RegistrationCommandsParseTest {

    private static RegistrationCommands.Command parse(String text) {
        return RegistrationCommands.parse(RegistrationCommands.withoutMentions(text))
                .orElseThrow(() -> new AssertionError("not a command: " + text));
    }

    @Test
    void shouldRecogniseTheCommandsAfterAnAtMention() {
        assertEquals(
                RegistrationCommands.Verb.SIGN_UP,
                parse("@同心助手\u2005报名 JIEWU 王小明 9").verb());
        assertEquals(List.of("JIEWU", "王小明", "9"), parse("报名：JIEWU 王小明 9").args());
        assertEquals(RegistrationCommands.Verb.CANCEL, parse("取消报名 ABCD2345").verb());
        assertEquals(RegistrationCommands.Verb.MINE, parse("我的报名").verb());
        assertEquals(
                RegistrationCommands.Verb.CHECK_IN,
                parse("@同心助手 签到 JIEWU ABCD2345").verb());
        assertEquals(RegistrationCommands.Verb.SIGN_UP, parse("报名").verb());
    }

    @Test
    void shouldLeaveSentencesThatMerelyStartLikeACommand() {
        for (String t : List.of("报名参加的人太多了", "签到处没有人", "我的报名怎么没有了？谁能帮我看看", "取消报名的流程太复杂")) {
            assertTrue(RegistrationCommands.parse(t).isEmpty(), t);
        }
    }

    @Test
    void shouldDrawCodesFromTheAlphabetOnly() {
        for (int i = 0; i < 2000; i++) {
            String c = RegistrationCodes.next();
            assertTrue(RegistrationCodes.SHAPE.matcher(c).matches(), c);
        }
    }

    @Test
    void shouldNeedFourOfFiveSessionsAtTheDefaultShare() {
        assertEquals(4, Certificates.required(5, 0.8));
        assertEquals(8, Certificates.required(10, 0.8));
        assertEquals(1, Certificates.required(1, 0.8));
        assertEquals(3, Certificates.required(3, 0.8));
    }

    @Test
    void shouldNormaliseNamesForDuplicates() {
        assertEquals(NewRegistration.normalisedName("王小明"), NewRegistration.normalisedName(" 王 小明\u3000"));
        assertEquals(NewRegistration.normalisedName("Li Lei"), NewRegistration.normalisedName("ｌｉ　ｌｅｉ"));
    }
}
