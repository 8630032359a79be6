package io.tongxin.outbox.senders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the log sender prints never carries a whole mobile number. */
class LogSenderTest {

    @Test
    void shouldMaskMobileNumbersInFreeText() {
        assertEquals(
                "请联系 138****1234 或 139****5678 或 137****9999",
                LogSender.maskMobiles("请联系 13812341234 或 139-1234-5678 或 137 1234 9999"));
    }

    @Test
    void shouldLeaveOtherNumbersAlone() {
        assertEquals(
                "工单 2026-1201-0001 电话 0931-1234567 编号 123456789012",
                LogSender.maskMobiles("工单 2026-1201-0001 电话 0931-1234567 编号 123456789012"));
        assertEquals("", LogSender.maskMobiles(null));
    }
}
