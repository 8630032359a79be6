package io.tongxin.opinion.dictionary;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DictionaryResourceTest {

    @org.junit.jupiter.api.AfterEach
    void restoreTheShippedDictionary() {
        // leave the shipped categories in place for other test classes (e.g. the seed import links them)
        io.quarkus.arc.Arc.container()
                .instance(DictionaryService.class)
                .get()
                .replace(io.quarkus.arc.Arc.container()
                        .instance(DictionaryService.class)
                        .get()
                        .shippedDefault());
    }

    @Test
    void shouldShipADefaultDictionaryThatClassifiesAtOnce() {
        // restore the shipped default (other tests replace the dictionary with their own categories)
        Map<?, ?> shipped = new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(
                        io.quarkus.arc.Arc.container()
                                .instance(DictionaryService.class)
                                .get()
                                .shippedDefault(),
                        Map.class);
        admin().body(shipped).put("/api/dictionary").then().statusCode(200);
        admin().get("/api/dictionary")
                .then()
                .statusCode(200)
                .body("categories.name", hasItems("市政设施", "生态环境", "医疗卫生", "教育", "农业", "青少年"))
                .body("categories.find { it.code == 'municipal' }.keywords", hasItems("路灯", "照明"))
                .body("urgentKeywords", hasItems("危险", "漏水", "漏气", "着火", "急", "老人摔倒"))
                .body("version", greaterThan(0));
        admin().body(Map.of("text", "孩子上学路上没有路灯"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("category", equalTo("市政设施")) // 路灯, 上学 and 孩子 tie at two characters: dictionary order
                .body("classificationReason", containsString("路灯"));
    }

    @Test
    void shouldReplaceTheWholeDictionaryAndUseItImmediately() {
        String kw = Api.uniq("词");
        var body = Map.of(
                "categories",
                List.of(Map.of(
                        "code", "water", "name", "供水", "keywords", List.of(kw, "水压"), "sectorCodes", List.of("s1"))),
                "urgentKeywords",
                List.of("爆管"),
                "complexKeywords",
                List.of("多部门"));
        long before = admin().get("/api/dictionary").then().extract().jsonPath().getLong("version");
        admin().body(body)
                .put("/api/dictionary")
                .then()
                .statusCode(200)
                .body("categories", org.hamcrest.Matchers.hasSize(1))
                .body("categories[0].sectorCodes", hasItem("s1"))
                .body("version", equalTo((int) before + 1));
        admin().body(Map.of("text", "小区" + kw + "，爆管了"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("category", equalTo("供水"))
                .body("urgency", equalTo("urgent"));
        admin().body(Map.of("text", "路灯坏了"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("category", equalTo(null));
    }

    @Test
    void shouldRefuseAnInvalidDictionaryAndKeepTheCurrentOne() {
        long before = admin().get("/api/dictionary").then().extract().jsonPath().getLong("version");
        admin().body(Map.of(
                        "categories",
                        List.of(
                                Map.of("code", "a", "name", "甲", "keywords", List.of("路灯"), "sectorCodes", List.of()),
                                Map.of("code", "b", "name", "乙", "keywords", List.of("路灯"), "sectorCodes", List.of())),
                        "urgentKeywords",
                        List.of()))
                .put("/api/dictionary")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("categories[1].keywords"))
                .body("detail", containsString("already in category 'a'"));
        admin().body(Map.of(
                        "categories",
                        List.of(
                                Map.of("code", "a", "name", "甲", "keywords", List.of(), "sectorCodes", List.of()),
                                Map.of("code", "a", "name", "", "keywords", List.of(), "sectorCodes", List.of())),
                        "urgentKeywords",
                        List.of()))
                .put("/api/dictionary")
                .then()
                .statusCode(400);
        admin().body(Map.of("categories", List.of()))
                .put("/api/dictionary")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("urgentKeywords"));
        admin().body("{\"categories\": 5}").put("/api/dictionary").then().statusCode(400);
        admin().get("/api/dictionary").then().body("version", equalTo((int) before));
        String sector = Api.uniq("sec");
        admin().body(Map.of("code", sector, "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        String code = Api.uniq("m");
        admin().body(Map.of("code", code, "name", "王委员", "level", "county", "sectorCode", sector))
                .post("/api/members")
                .then()
                .statusCode(201);
        String member = Api.mint("member", code);
        Api.as(member).get("/api/dictionary").then().statusCode(403);
    }
}
