package io.tongxin.opinion.intake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import io.tongxin.support.BotChat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Not every direct message is a concern ("谢谢你们，辛苦了" sent to the Official Account was once filed
 * as an opinion). Real-looking messages, each sent as a first message in a direct chat to an Official
 * Account (safe mode) and to a bridge, and what the bot does: starts the report (asks the community),
 * confirms first, or answers courteously without filing anything.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcernOrCourtesyTest {

    /** What the first answer starts with, per expected outcome. */
    enum Outcome {
        REPORT("问题发生在哪个社区？"),
        CONFIRM("要把这条作为问题反映吗？回复 1 确认"),
        THANKS("不客气，这是我们应该做的！"),
        GREETING("您好！有问题需要反映"),
        ACK("好的！还有问题需要反映"),
        EMOJI("收到！有问题需要反映"),
        SHORT("请直接描述您反映的问题");

        final String start;

        Outcome(String start) {
            this.start = start;
        }
    }

    private String oa;
    private BotChat bridge;

    @BeforeEach
    void channels() {
        if (oa != null) {
            return; // once per class: RestAssured knows the port only by the first test
        }
        oa = ScriptChats.officialAccount(null);
        bridge = BotChat.bridge("intake-cls", null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // courtesy and small talk: answered, never filed
                "谢谢你们，辛苦了|THANKS",
                "感谢社区工作人员的帮助|THANKS",
                "太感谢了！|THANKS",
                "谢谢王委员，问题已经解决了|THANKS",
                "辛苦了|THANKS",
                "👍|THANKS",
                "🙏🙏🙏|THANKS",
                "Thank you so much!|THANKS",
                "你好|GREETING",
                "您好，在吗？|GREETING",
                "早上好|GREETING",
                "大家好|GREETING",
                "hello|GREETING",
                "好的|ACK",
                "嗯嗯|ACK",
                "知道了，谢谢|ACK",
                "【收到不支持的消息类型，暂无法显示】|ACK",
                "😊😊|EMOJI",
                "[微笑]|EMOJI",
                "。。。|EMOJI",
                "啊|SHORT",
                "ok|SHORT",
                // concerns: the dictionary knows them, or they are long and descriptive
                "小区南门积水严重，晚上路灯也不亮|REPORT",
                "3号楼电梯又坏了，老人上下楼很不方便|REPORT",
                "楼上漏水把我家天花板泡了|REPORT",
                "垃圾站三天没人清运，臭味很大|REPORT",
                "晚上广场舞音响太吵了，噪音影响休息|REPORT",
                "你好，我家门口的下水道堵了|REPORT",
                "谢谢你们上次修好了路灯，现在楼道灯又坏了|REPORT",
                "孩子上学的路上没有斑马线，车开得很快|REPORT",
                "我们这条巷子一到下雨天就没法走人，希望有关部门能来看看|REPORT",
                "The street lights near the school gate have been broken for a week|REPORT",
                // in between: confirmed first
                "我想问一下|CONFIRM",
                "今天天气不错|CONFIRM",
                "有个事情想说一下|CONFIRM",
                "路灯|CONFIRM",
                "能不能帮我看看这个|CONFIRM",
                "楼道堆满杂物，走路不方便|CONFIRM"
            })
    void shouldTellAConcernFromCourtesy(String text, Outcome expected) {
        String oaReply = ScriptChats.oaText(oa, "o-" + Api.uniq("u"), text);
        assertTrue(
                oaReply != null && oaReply.startsWith(expected.start), "Official Account: " + text + " -> " + oaReply);
        String user = "wxid_" + Api.uniq("u");
        String bridgeReply = bridge.direct(user, text);
        assertTrue(
                bridgeReply != null && bridgeReply.startsWith(expected.start),
                "bridge: " + text + " -> " + bridgeReply);
        if (expected == Outcome.CONFIRM) {
            String next = bridge.direct(user, "1");
            assertTrue(next.startsWith(Outcome.REPORT.start), "confirmed, the report goes on: " + next);
        }
    }
}
