package io.tongxin.outbox.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxin.channel.ChannelType;
import io.tongxin.outbox.Content;
import io.tongxin.shared.Phones;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo sender's log block: what an operator sees must not carry phone numbers or terminal controls. */
class LogSenderTest {

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("io.tongxin.outbox.sent").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("io.tongxin.outbox.sent").removeHandler(capture);
    }

    @Test
    void shouldLogMaskedTextWithoutControlCharacters() {
        String text = "居民电话 139 1234 5678 或 +8613812345678\n第二行\u001b[2J\u0007\rFORGED 2026-000014";
        var channel = new SendingChannel("log-ch", ChannelType.BRIDGE, null, null, null, null, null, null, null, true);
        new LogSender()
                .send(new SendRequest(
                        7,
                        channel,
                        "chat",
                        "room\u001b1",
                        Content.Format.TEXT,
                        text,
                        List.of(),
                        List.of(),
                        0,
                        1,
                        null));
        assertEquals(1, lines.size());
        String logged = lines.get(0);
        assertFalse(logged.contains("1234 5678"), logged);
        assertFalse(logged.contains("13812345678"), logged);
        assertTrue(logged.contains("139****5678") && logged.contains("138****5678"), logged);
        assertTrue(logged.contains("2026-000014"), logged);
        assertFalse(logged.contains("\u001b") || logged.contains("\u0007") || logged.contains("\r"), logged);
        assertTrue(logged.contains("│ 第二行\\u001b[2J\\u0007\\rFORGED"), logged);
        assertTrue(logged.contains("chat room\\u001b1"), logged);
    }

    @Test
    void shouldMaskMobileNumbersInFreeText() {
        assertEquals(
                "请联系 138****1234 或 139****5678 或 137****9999",
                Phones.maskText("请联系 13812341234 或 139-1234-5678 或 137 1234 9999"));
    }

    @Test
    void shouldLeaveOtherNumbersAlone() {
        assertEquals(
                "工单 2026-1201-0001 编号 123456789012 opinion 2026-000014",
                Phones.maskText("工单 2026-1201-0001 编号 123456789012 opinion 2026-000014"));
    }
}
