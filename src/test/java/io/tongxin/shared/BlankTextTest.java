package io.tongxin.shared;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.directory.SectorDto;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Blank as a reader sees it ({@link BlankText}), and {@code @NotBlank} judging by it in the running
 * service ({@link UnicodeNotBlank}): a keyword or a name of ideographic spaces is refused, not stored.
 */
@QuarkusTest
class BlankTextTest {

    static final List<String> BLANK = List.of(
            "",
            " ",
            "\t\r\n",
            "\u3000",
            "\u3000\u3000",
            "\u00a0",
            "\u2007",
            "\u202f",
            "\u2003",
            "\u2028",
            "\u200b",
            "\u200c\u200d",
            "\u2060",
            "\ufeff",
            "\u180e",
            " \u3000\u00a0\u200b ");

    @Inject
    Validator validator;

    @Test
    void shouldTakeIdeographicNoBreakAndZeroWidthSpacesForBlank() {
        for (String blank : BLANK) {
            assertTrue(BlankText.isBlank(blank), () -> "blank: " + escape(blank));
        }
        assertTrue(BlankText.isBlank(null));
        for (String text : List.of("a", "\u3000路灯\u3000", "\u00a0x", "😀", "\u200b0", "・", "-")) {
            assertFalse(BlankText.isBlank(text), () -> "not blank: " + escape(text));
        }
    }

    @Test
    void shouldRefuseUnicodeBlankWhereverNotBlankStands() {
        for (String blank : BLANK) {
            var violations = validator.validate(new SectorDto("sec-1", blank, null));
            assertEquals(1, violations.size(), () -> "name=" + escape(blank));
            assertEquals("name", violations.iterator().next().getPropertyPath().toString());
        }
        assertEquals(
                0, validator.validate(new SectorDto("sec-1", "\u3000农业界", null)).size());
    }

    @Test
    void shouldRefuseAKeywordOfIdeographicSpacesAndLeaveTheDictionaryAsItWas() {
        String before =
                admin().get("/api/dictionary").then().statusCode(200).extract().asString();
        @SuppressWarnings("unchecked")
        Map<String, Object> d = admin().get("/api/dictionary").as(Map.class);
        d.remove("version");
        @SuppressWarnings("unchecked")
        Map<String, Object> category = ((List<Map<String, Object>>) d.get("categories")).get(0);
        List<Object> keywords = new ArrayList<>((List<?>) category.get("keywords"));
        keywords.add("\u3000\u3000");
        category.put("keywords", keywords);
        Response r = admin().body(d).put("/api/dictionary");
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("application/problem+json", r.contentType().replaceFirst(";.*", ""));
        assertEquals(
                List.of("categories[0].keywords[" + (keywords.size() - 1) + "]"),
                r.jsonPath().getList("violations.field"));
        assertEquals(before, admin().get("/api/dictionary").asString());
    }

    @Test
    void shouldRefuseASectorNamedWithANoBreakSpaceAndStoreNothing() {
        String code = Api.uniq("sec");
        admin().body(Map.of("code", code, "name", "\u00a0\u200b"))
                .post("/api/sectors")
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.contains("name"));
        admin().get("/api/sectors/" + code).then().statusCode(404);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(String.format("\\u%04x", c)));
        return sb.toString();
    }
}
