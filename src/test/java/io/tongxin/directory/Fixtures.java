package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates directory records through the API, each with a fresh code, for tests to build on. */
final class Fixtures {

    private Fixtures() {}

    static String channel() {
        String key = uniq("ch");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "测试桥接",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    static String sector() {
        String code = uniq("sec");
        admin().body(Map.of("code", code, "name", "农业界"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        return code;
    }

    static String workstation() {
        String code = uniq("ws");
        admin().body(Map.of("code", code, "name", "临夏路街道政协委员工作站"))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        return code;
    }

    static String community(String workstationCode) {
        String code = uniq("com");
        admin().body(Map.of(
                        "code", code, "name", "静安门社区", "councilName", "静安门社区协商议事会", "workstationCode", workstationCode))
                .post("/api/communities")
                .then()
                .statusCode(201);
        return code;
    }

    static Map<String, Object> member(String code, String sectorCode) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", "杨小龙");
        m.put("level", "county");
        m.put("sectorCode", sectorCode);
        m.put("communityCodes", List.of());
        m.put("identities", List.of());
        return m;
    }

    static String member(String sectorCode) {
        String code = uniq("mem");
        admin().body(member(code, sectorCode)).post("/api/members").then().statusCode(201);
        return code;
    }

    static String member() {
        return member(sector());
    }

    static String resident(String channelKey, String userId, String phone) {
        String code = uniq("res");
        Map<String, Object> r = new HashMap<>();
        r.put("code", code);
        r.put("channelKey", channelKey);
        r.put("userId", userId);
        r.put("phone", phone);
        admin().body(r).post("/api/residents").then().statusCode(201);
        return code;
    }
}
