package io.tongxin.opinion.dictionary;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code categorySectors} seed kind: seed files link dictionary categories to the deployment's sectors. */
@QuarkusTest
class DictionarySeedTest {

    @Inject
    DictionaryService dictionary;

    @BeforeEach
    void restoreTheShippedDictionary() {
        // other tests replace the dictionary with their own categories
        dictionary.replace(dictionary.shippedDefault());
    }

    private static long version() {
        return admin().get("/api/dictionary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
    }

    private static List<String> sectorsOf(String category) {
        return admin().get("/api/dictionary")
                .then()
                .extract()
                .jsonPath()
                .getList("categories.find { it.code == '" + category + "' }.sectorCodes");
    }

    private static io.restassured.response.ValidatableResponse importYaml(String name, String yaml) {
        return admin().contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("name", name)
                .post("/api/seeds/import")
                .then();
    }

    @Test
    void shouldLinkCategoriesToSeededSectorsRouteByThemAndChangeNothingTheSecondTime() {
        String s1 = Api.uniq("sec-health");
        String s2 = Api.uniq("sec-clinic");
        String member = Api.uniq("m-doctor");
        String yaml = """
                sectors:
                  - code: %1$s
                    name: 医药卫生界
                  - code: %2$s
                    name: 基层医疗
                members:
                  - code: %3$s
                    name: 刘医生
                    level: county
                    sectorCode: %2$s
                categorySectors:
                  - categoryCode: health
                    sectorCodes: [%1$s]
                  - categoryCode: health
                    sectorCodes: [%1$s, %2$s]
                """.formatted(s1, s2, member);
        importYaml("health.yaml", yaml)
                .statusCode(200)
                .body("kinds.categorySectors.updated", equalTo(2))
                .body("kinds.sectors.created", equalTo(2));
        assertEquals(List.of(s1, s2), sectorsOf("health"));
        long version = version();

        importYaml("health.yaml", yaml)
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("kinds.categorySectors.unchanged", equalTo(2));
        assertEquals(version, version(), "a second import must not replace the dictionary");
        assertEquals(List.of(s1, s2), sectorsOf("health"));

        // routing uses the link: a health concern with no area goes to a member of a linked sector
        admin().body(Map.of("text", "村里老人去医院看病太远"))
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .body("category", equalTo("医疗卫生"))
                .body("routing.rule", equalTo("sector"))
                .body("assignee.code", equalTo(member));
    }

    @Test
    void shouldRefuseAnUnknownCategoryOrSectorWithFileAndLineAndApplyNothing() {
        String sector = Api.uniq("sec");
        long version = version();
        importYaml("bad-category.yaml", """
                sectors:
                  - code: %s
                    name: 农业界
                categorySectors:
                  - categoryCode: no-such-category
                    sectorCodes: [%s]
                """.formatted(sector, sector))
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        containsString("bad-category.yaml line 5: categorySectors[0].categoryCode: "
                                + "no dictionary category with code 'no-such-category'"));
        admin().get("/api/sectors/" + sector).then().statusCode(404);

        importYaml("bad-sector.yaml", """
                categorySectors:
                  - categoryCode: agriculture
                    sectorCodes: [no-such-sector]
                """)
                .statusCode(400)
                .body("violations.field", hasItem("categorySectors[0].sectorCodes[0]"))
                .body("detail", containsString("bad-sector.yaml line 3"));
        importYaml("bad-field.yaml", """
                categorySectors:
                  - categoryCode: agriculture
                    sectors: [x]
                """).statusCode(400).body("detail", containsString("unknown field 'sectors'"));
        importYaml("empty-list.yaml", """
                categorySectors:
                  - categoryCode: agriculture
                    sectorCodes: []
                """)
                .statusCode(400)
                .body("violations.field", hasItem("categorySectors[0].sectorCodes"));
        assertEquals(version, version(), "a refused import must not touch the dictionary");
    }

    @Test
    void shouldLinkTheDemoSectorsFromTheShippedSeedFolder() {
        admin().post("/api/seeds/import")
                .then()
                .statusCode(200)
                .body("kinds.categorySectors.updated", org.hamcrest.Matchers.greaterThan(0));
        admin().get("/api/dictionary")
                .then()
                .body("categories.find { it.code == 'health' }.sectorCodes", hasItems("lz-health", "sd-health"))
                .body(
                        "categories.find { it.code == 'agriculture' }.sectorCodes",
                        hasItems("sd-agriculture", "dh-agriculture"))
                .body("categories.find { it.code == 'youth' }.sectorCodes", hasItems("lz-youth"));
        long version = version();
        admin().post("/api/seeds/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("kinds.categorySectors.updated", equalTo(0));
        assertEquals(version, version());
    }
}
