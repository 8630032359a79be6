package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class SeedImportTest {

    static final List<String> TABLES = List.of(
            "channel",
            "sector",
            "workstation",
            "community",
            "member",
            "member_community",
            "member_identity",
            "chat_group",
            "resident",
            "pairing");

    @Inject
    SeedImporter importer;

    @Inject
    EntityManager em;

    @Test
    void shouldImportTheShippedSeedsAndChangeNothingTheSecondTime() {
        admin().post("/api/seeds/import").then().statusCode(200).body("files", hasItem("seeds/lanzhou.yaml"));
        String before = snapshot();
        admin().post("/api/seeds/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("kinds.members.created", equalTo(0))
                .body("kinds.members.updated", equalTo(0))
                .body("kinds.channels.updated", equalTo(0))
                .body("kinds.workstations.updated", equalTo(0));
        assertEquals(before, snapshot(), "a second import must not write a single row");

        // what the article describes is there
        admin().get("/api/workstations/lz-linxialu")
                .then()
                .statusCode(200)
                .body("headMemberCode", equalTo("lz-yang-xiaolong"));
        admin().get("/api/members/lz-yang-xiaolong")
                .then()
                .body("name", equalTo("杨小龙"))
                .body("communityCodes", hasItem("lz-jinganmen"));
        admin().get("/api/communities/lz-jinganmen").then().body("councilHead", equalTo("马小蓉"));
        admin().get("/api/members/lz-lv-haobo").then().body("sectorCode", equalTo("lz-youth"));
        admin().get("/api/sectors/dh-agriculture").then().body("name", equalTo("农业界"));
        admin().queryParam("sectorCode", "dh-agriculture")
                .get("/api/members")
                .then()
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        admin().queryParam("memberCode", "sd-liu-fang")
                .get("/api/pairings")
                .then()
                .body("total", equalTo(2));
        admin().get("/api/channels/demo-bridge").then().body("dryRun", equalTo(true));
        String residents = admin().queryParam("channelKey", "demo-bridge")
                .queryParam("size", 500)
                .get("/api/residents")
                .then()
                .body("items.phone", hasItem("138****1234"))
                .extract()
                .asString();
        assertTrue(!residents.contains("13800001234"));
        admin().get("/api/groups/lz-xilu-residents")
                .then()
                .body("robotWebhookUrl", equalTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****"));
    }

    @Test
    void shouldReportWhatAnUploadCreatedAndUpdated() {
        String tag = io.tongxin.support.Api.uniq("up");
        String doc = """
                sectors:
                  - code: %1$s-sec
                    name: 农业界
                workstations:
                  - code: %1$s-ws
                    name: 七里镇政协委员工作站
                    headMemberCode: %1$s-head
                members:
                  - code: %1$s-head
                    name: 马军
                    level: county
                    sectorCode: %1$s-sec
                    workstationCode: %1$s-ws
                """.formatted(tag);
        admin().contentType("application/yaml")
                .body(yaml(doc))
                .post("/api/seeds/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(3))
                .body("kinds.workstations.created", equalTo(1))
                .body("files", equalTo(List.of("upload.yaml")));
        admin().get("/api/workstations/" + tag + "-ws").then().body("headMemberCode", equalTo(tag + "-head"));
        admin().contentType("application/yaml")
                .body(yaml(doc.replace("马军", "马军军")))
                .queryParam("name", "dunhuang.yaml")
                .post("/api/seeds/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(2))
                .body("kinds.members.updated", equalTo(1))
                .body("files", equalTo(List.of("dunhuang.yaml")));
        admin().get("/api/members/" + tag + "-head").then().body("name", equalTo("马军军"));
    }

    @Test
    void shouldStoreChannelsByTheChannelFeaturesRulesKeepingSecretsLeftOut() {
        String key = Api.uniq("seed-ch");
        String doc = """
                channels:
                  - key: %s
                    type: bridge
                    name: %s
                    sendUrl: http://127.0.0.1:8089/send
                    %s
                """;
        String secret = "secret: a-bridge-secret-of-sixteen";
        upload(doc.formatted(key, "桥", secret)).statusCode(200).body("kinds.channels.created", equalTo(1));
        // the same channel without its secret: the stored one is kept, so nothing changes
        upload(doc.formatted(key, "桥", "")).statusCode(200).body("kinds.channels.unchanged", equalTo(1));
        upload(doc.formatted(key, " 新桥 ", ""))
                .statusCode(200)
                .body("kinds.channels.updated", equalTo(1))
                .body("updated", equalTo(1));
        admin().get("/api/channels/" + key).then().body("name", equalTo("新桥")).body("secretSet", equalTo(true));
        // the per-type rules are the channel feature's, reported at the record's line
        upload(doc.formatted(key, "桥", secret).replace("    sendUrl: http://127.0.0.1:8089/send\n", ""))
                .statusCode(400)
                .body("detail", containsString("upload.yaml line 2: channels[0].sendUrl: is required"));
        admin().delete("/api/channels/" + key).then().statusCode(204);
    }

    private io.restassured.response.ValidatableResponse upload(String doc) {
        return admin().contentType("application/yaml")
                .body(yaml(doc))
                .post("/api/seeds/import")
                .then();
    }

    @Test
    void shouldRejectABadUploadWithItsLineAndApplyNothing() {
        String tag = io.tongxin.support.Api.uniq("bad");
        String doc = """
                sectors:
                  - code: %1$s-sec
                    name: 农业界
                members:
                  - code: %1$s-m1
                    name: 马军
                    level: county
                    sectorCode: %1$s-sec
                  - code: %1$s-m2
                    name: 李红
                    level: county
                    sectorCode: no-such-sector
                """.formatted(tag);
        admin().contentType(ContentType.TEXT)
                .body(yaml(doc))
                .queryParam("name", "broken.yaml")
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("broken.yaml line 12: members[1].sectorCode"))
                .body("detail", containsString("sectorCode"))
                .body("violations.field", hasItem("members[1].sectorCode"));
        admin().get("/api/sectors/" + tag + "-sec").then().statusCode(404);
        admin().get("/api/members/" + tag + "-m1").then().statusCode(404);
    }

    @Test
    void shouldRejectMalformedYamlUnknownFieldsAndKindsWithTheirLines() {
        admin().contentType("application/yaml")
                .body(yaml("sectors:\n  - code: x\n    name: \"unclosed\n"))
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("upload.yaml line"))
                .body("detail", containsString("not valid YAML"));
        admin().contentType("application/yaml")
                .body(yaml("sectors:\n  - code: x1\n    nmae: 农业界\n"))
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("line 3"))
                .body("detail", containsString("unknown field 'nmae'"))
                .body("detail", not(containsString("io.tongxin")));
        admin().contentType("application/yaml")
                .body(yaml("# demo\nsecters:\n  - code: x1\n"))
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("line 2"))
                .body("detail", containsString("unknown kind 'secters'"));
        admin().contentType("application/yaml")
                .body(yaml("sectors:\n  - code: x1\n    name: a\n  - code: x1\n    name: b\n"))
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("line 4"))
                .body("detail", containsString("also defined at upload.yaml line 2"));
        admin().contentType("application/yaml")
                .body(yaml("members:\n  - code: x1\n    name: ''\n    level: town\n"))
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("line 4"))
                .body("violations.field", hasItem("members[0].level"))
                .body("violations.field", hasItem("members[0].name"));
        admin().contentType("application/yaml")
                .queryParam("name", "../../etc/passwd")
                .body(yaml("sectors: []"))
                .post("/api/seeds/import")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("name"));
    }

    @Test
    void shouldRejectABrokenFileInAFolderWithoutHalfApplyingTheOthers(@TempDir Path dir) throws Exception {
        String tag = io.tongxin.support.Api.uniq("dir");
        Files.writeString(dir.resolve("a-good.yaml"), "sectors:\n  - code: " + tag + "-sec\n    name: 教育界\n");
        Files.writeString(
                dir.resolve("b-bad.yaml"),
                "communities:\n  - code: " + tag + "-c\n    name: 社区\n"
                        + "    councilName: 议事会\n    workstationCode: no-such-ws\n");
        Files.writeString(dir.resolve("notes.txt"), "not a seed file");
        SeedException e = assertThrows(SeedException.class, () -> importer.importFolder(dir, "test-seeds"));
        assertTrue(
                e.getMessage().startsWith("test-seeds/b-bad.yaml line 5: communities[0].workstationCode"),
                e.getMessage());
        admin().get("/api/sectors/" + tag + "-sec").then().statusCode(404);

        Files.delete(dir.resolve("b-bad.yaml"));
        SeedReport report = importer.importFolder(dir, "test-seeds");
        assertEquals(List.of("test-seeds/a-good.yaml"), report.files());
        assertEquals(new SeedReport.Counts(1, 0, 0), report.kinds().get("sectors"));
        admin().get("/api/sectors/" + tag + "-sec").then().statusCode(200);
    }

    @Test
    void shouldOnlyLetAdminsImport() {
        Api.anonymous().post("/api/seeds/import").then().statusCode(401);
        Api.as(Api.mint("organizer", null)).post("/api/seeds/import").then().statusCode(403);
    }

    private static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every row of the directory's tables (and channels), ordered, as text. */
    @Transactional
    String snapshot() {
        StringBuilder sb = new StringBuilder();
        for (String table : TABLES) {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery("select * from " + table + " order by 1, 2")
                    .getResultList();
            sb.append(table).append('\n');
            for (Object row : rows) {
                sb.append(row instanceof Object[] a ? java.util.Arrays.toString(a) : String.valueOf(row))
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
