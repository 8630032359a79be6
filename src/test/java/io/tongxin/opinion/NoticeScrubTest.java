package io.tongxin.opinion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Notices mask by who wrote the text: every number in what residents wrote, in the spellings they use;
 * in what a member writes for the resident only the residents' own numbers, in any spelling.
 */
class NoticeScrubTest {

    @Test
    void shouldMaskSpacedDashedAndPrefixedMobileNumbersInResidentText() {
        assertEquals(
                "2026-000014：联系 139****5678、139****5678、138****5678",
                Masking.residentText("2026-000014：联系 139 1234 5678、139-1234-5678、+8613812345678"));
    }

    @Test
    void shouldKeepAMembersServiceNumberButMaskTheResidentsOwnNumbersInWhatTheMemberWrote() {
        Opinion o = new Opinion();
        o.text = "楼道灯坏了，请回电 139 1234 5678，座机 0931-8765432";
        o.reporterPhone = "13700001111";
        OpinionSource post = new OpinionSource();
        post.text = "补充：也可打我爱人电话 +86 136-0000-2222";
        o.sources = List.of(post);
        assertEquals(
                "已联系物业，报修电话 13912340000、0931-1234567；已回电 139****5678、093****5432、137****1111、136****2222",
                Masking.of(o)
                        .staffText("已联系物业，报修电话 13912340000、0931-1234567；已回电 13912345678、0931 8765432、"
                                + "137 0000 1111、13600002222"));
    }

    @Test
    void shouldMaskANumberOnRecordThatThePatternDoesNotRecogniseAsWritten() {
        Opinion o = new Opinion();
        o.text = "门口积水";
        o.reporterPhone = "09318765432";
        assertEquals("已回电 093****5432，物业 09311234567", Masking.of(o).staffText("已回电 09318765432，物业 09311234567"));
    }
}
