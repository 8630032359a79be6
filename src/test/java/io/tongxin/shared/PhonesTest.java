package io.tongxin.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

    @Test
    void shouldKeepTheFieldMaskFormat() {
        assertEquals("138****1234", Phones.mask("13812341234"));
        assertEquals("093****4567", Phones.mask("0931-1234567"));
        assertEquals("****89", Phones.mask("123456789".substring(3)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "电话13912345678谢谢 | 电话139****5678谢谢",
                "139 1234 5678 | 139****5678",
                "139-1234-5678 | 139****5678",
                "138-1234-1234 | 138****1234",
                "139.1234.5678 | 139****5678",
                "1391 234 5678 | 139****5678",
                "139 12345678 | 139****5678",
                "+8613812345678 | 138****5678",
                "+86 138 1234 5678 | 138****5678",
                "+86-138-1234-5678 | 138****5678",
                "8613812345678 | 138****5678",
                "0086 13812345678 | 138****5678",
                "(+86)13812345678 | 138****5678",
                "＋８６１３８１２３４５６７８ | 138****5678",
                "１３９１２３４５６７８ | 139****5678",
                "１３９－１２３４－５６７８ | 139****5678",
                "139　1234　5678 | 139****5678",
                "电话：0931-1234567 | 电话：093****4567",
                "(0931)1234567 | 093****4567",
                "（0931）1234567 | 093****4567",
                "0931 1234567 | 093****4567",
                "010-12345678 | 010****5678",
                "打13912345678或0931-8888777都行 | 打139****5678或093****8777都行",
                "139 1234 5678 10号楼 | 139****5678 10号楼",
                "13912345678-8001 | 139****5678-8001",
                "13912345678-13812345678 | 139****5678-138****5678",
                "139 1234 5678-2 | 139****5678-2",
                "0931-1234567-8 | 093****4567-8",
                "13912345678.谢谢 | 139****5678.谢谢",
            })
    void shouldMaskPhoneNumbersInEveryUsualSpelling(String text, String masked) {
        assertEquals(masked, Phones.maskText(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "查询 2026-000014",
                "办结 2026-000014 已处理",
                "2026-11-30 09:30 开会",
                "2026.11.30",
                "12:30-13:45",
                "金额 1380.00 元",
                "金额 13,800,000 元",
                "13800元",
                "身份证 620102199001011234",
                "银行卡 6222021234567890123",
                "编号 12345678901234",
                "1号楼 3单元 502室",
                "123-4567-8901",
                "20261130 0800",
                "订单 2026-0001-0002",
            })
    void shouldLeaveNumbersThatAreNotPhonesAlone(String text) {
        assertEquals(text, Phones.maskText(text));
    }

    @Test
    void shouldMaskAnyMobileNumberBetweenAnyText() {
        Random random = new Random(42);
        String[] around = {"", "电话", "手机：", " ", "，", "号码是", "call ", "。", "a", "@"};
        String[] separators = {"", " ", "-", ".", "　"};
        IntStream.range(0, 2000).forEach(i -> {
            String digits = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
            String sep = separators[random.nextInt(separators.length)];
            String spelled = digits.substring(0, 3) + sep + digits.substring(3, 7) + sep + digits.substring(7);
            String text = around[random.nextInt(around.length)] + spelled + around[random.nextInt(around.length)];
            String masked = Phones.maskText(text);
            assertFalse(masked.contains(digits.substring(3, 7)), text + " -> " + masked);
            assertEquals(digits.substring(0, 3) + "****" + digits.substring(7), masked.replaceAll("[^0-9*]", ""));
        });
    }

    @Test
    void shouldPassNullAndEmptyThrough() {
        assertEquals(null, Phones.maskText(null));
        assertEquals("", Phones.maskText(""));
    }

    /** Texts with fewer than seven digits skip the pattern (issue 16); digits of both widths count toward seven. */
    @Test
    void shouldCountAsciiAndFullWidthDigitsBeforeMatching() {
        String six = "g-community-12 第3单元 45号";
        assertSame(six, Phones.maskText(six));
        assertEquals(java.util.Set.of(), Phones.numbersIn(java.util.List.of(six, "123456")));
        assertEquals(six, Phones.maskOnly(six, java.util.Set.of("13912345678")));
        assertEquals("电话139****5678", Phones.maskText("电话139１２３４５６７８"));
        assertEquals("电话139****5678", Phones.maskText("电话１３９１２３４５６７８"));
        assertEquals(java.util.Set.of("13912345678"), Phones.numbersIn(java.util.List.of("１３９1234５６７８")));
    }

    @Test
    void shouldMaskOnlyTheGivenResidentsNumbersInWhatAMemberWrote() {
        var residents = Phones.numbersIn(java.util.Arrays.asList("请回电 +86 139-1234-5678", null, "13700001111"));
        assertEquals(java.util.Set.of("13912345678", "13700001111"), residents);
        assertEquals(
                "报修电话 13812345678，已回电 139****5678 和 137****1111，热线 0931-12345",
                Phones.maskOnly("报修电话 13812345678，已回电 139 1234 5678 和 ＋８６１３７００００１１１１，热线 0931-12345", residents));
        assertEquals("报修电话 13812345678", Phones.maskOnly("报修电话 13812345678", java.util.Set.of()));
    }
}
