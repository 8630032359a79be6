package io.tongxin.opinion.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final Classifier classifier = new Classifier(new Dictionary(
            null,
            List.of(
                    new Dictionary.Category("health", "医疗卫生", List.of("药", "看病"), List.of("medicine")),
                    new Dictionary.Category("agriculture", "农业", List.of("农药", "葡萄"), List.of("agri")),
                    new Dictionary.Category("municipal", "市政设施", List.of("路灯", "WiFi"), List.of())),
            List.of("急", "漏水", "老人摔倒"),
            List.of("多部门")));

    @Test
    void shouldLetTheLongestKeywordWin() {
        Classification c = classifier.classify("村里葡萄地打农药后有人不舒服");
        // 农药 (2) beats 药 (1) even though 药 belongs to the earlier category
        assertEquals("agriculture", c.categoryCode());
        assertEquals("农药", c.categoryKeyword());
        assertEquals(List.of("agri"), c.sectorCodes());
        assertTrue(c.reason().contains("农药"));
    }

    @Test
    void shouldBreakTiesByDictionaryOrder() {
        // 看病 (health) and 葡萄 (agriculture) are equally long: health comes first in the dictionary
        Classification c = classifier.classify("葡萄园的工人看病难");
        assertEquals("health", c.categoryCode());
        assertEquals("看病", c.categoryKeyword());
    }

    @Test
    void shouldDetectUrgencyAndComplexityAndRecordTheWords() {
        Classification c = classifier.classify("楼道路灯坏了，老人摔倒了，需要多部门协调");
        assertEquals("市政设施", c.categoryName());
        assertTrue(c.urgent());
        assertEquals("老人摔倒", c.urgentKeyword());
        assertTrue(c.complex());
        assertTrue(c.reason().contains("urgent keyword '老人摔倒'"), c.reason());
    }

    @Test
    void shouldMatchLatinKeywordsIgnoringCaseAndLeaveUnknownTextUnclassified() {
        assertEquals("municipal", classifier.classify("小区wifi信号差").categoryCode());
        Classification none = classifier.classify("今天天气很好");
        assertNull(none.categoryCode());
        assertFalse(none.urgent());
        assertFalse(none.complex());
        assertEquals("no category keyword matched", none.reason());
    }
}
