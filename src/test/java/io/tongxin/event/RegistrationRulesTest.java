package io.tongxin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Registration rules that need no database: codes, certificates, names as duplicates are told. */
class RegistrationRulesTest {

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
