package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;

import io.tongxin.support.Api;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arranges one test's own world through the real admin API: a bridge channel (dry run), a category
 * with a unique keyword linked to a unique sector, a second unrelated sector, a workstation with a
 * community and a second workstation elsewhere; and helpers to add members (each with a chat
 * identity on the world's channel), residents, pairings and heads, and to file opinions over HTTP.
 */
@ApplicationScoped
public class Fixture {

    /** One test's codes. */
    public static final class World {
        public final String sector = Api.uniq("sec");
        public final String otherSector = Api.uniq("sec-other");
        public final String keyword = Api.uniq("kw");
        public final String category = Api.uniq("cat");
        public final String categoryName = "测试类别" + category;
        public final String workstation = Api.uniq("ws");
        public final String elsewhere = Api.uniq("ws-else");
        public final String community = Api.uniq("com");
        public final String channel = Api.uniq("ch");
    }

    /** Installs the current dictionary plus this world's category (keyword -> sector) and the directory records. */
    @SuppressWarnings("unchecked")
    public World world() {
        World w = new World();
        Map<String, Object> dict =
                admin().get("/api/dictionary").then().statusCode(200).extract().as(Map.class);
        List<Map<String, Object>> categories = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) dict.get("categories")) {
            if (!String.valueOf(c.get("code")).startsWith("cat-")) {
                categories.add(c);
            }
        }
        Map<String, Object> mine = new HashMap<>();
        mine.put("code", w.category);
        mine.put("name", w.categoryName);
        mine.put("keywords", List.of(w.keyword));
        mine.put("sectorCodes", List.of(w.sector));
        categories.add(0, mine);
        dict.put("categories", categories);
        dict.remove("version");
        admin().body(dict).put("/api/dictionary").then().statusCode(200);

        admin().body(Map.of(
                        "key",
                        w.channel,
                        "type",
                        "bridge",
                        "name",
                        "测试桥接 " + w.channel,
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        for (String sector : List.of(w.sector, w.otherSector)) {
            admin().body(Map.of("code", sector, "name", "界别 " + sector))
                    .post("/api/sectors")
                    .then()
                    .statusCode(201);
        }
        for (String ws : List.of(w.workstation, w.elsewhere)) {
            admin().body(Map.of("code", ws, "name", "工作站 " + ws))
                    .post("/api/workstations")
                    .then()
                    .statusCode(201);
        }
        admin().body(Map.of(
                        "code",
                        w.community,
                        "name",
                        "社区 " + w.community,
                        "councilName",
                        "协商议事会",
                        "workstationCode",
                        w.workstation))
                .post("/api/communities")
                .then()
                .statusCode(201);
        return w;
    }

    /** A member named 王&lt;code&gt; with the user id {@code u-<code>} on the world's channel. */
    public void member(
            World w,
            String code,
            String sector,
            String workstation,
            Set<String> communities,
            Integer capacity,
            LocalDate leave) {
        member(w, code, "王" + code, sector, workstation, communities, capacity, leave);
    }

    /** A member with the given display name (e.g. 李红) and the user id {@code u-<code>} on the world's channel. */
    public void member(
            World w,
            String code,
            String name,
            String sector,
            String workstation,
            Set<String> communities,
            Integer capacity,
            LocalDate leave) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", "county");
        m.put("sectorCode", sector);
        m.put("workstationCode", workstation);
        m.put("communityCodes", List.copyOf(communities));
        m.put("capacity", capacity);
        m.put("onLeaveUntil", leave == null ? null : leave.toString());
        m.put("identities", List.of(Map.of("channelKey", w.channel, "userId", userIdOf(code))));
        admin().body(m).post("/api/members").then().statusCode(201);
    }

    /** The user id {@link #member} gives a member on the world's channel. */
    public static String userIdOf(String memberCode) {
        return "u-" + memberCode;
    }

    /** A resident who writes on the world's channel as {@code userId}. */
    public void resident(World w, String code, String userId, String name, String phone) {
        Map<String, Object> r = new HashMap<>();
        r.put("code", code);
        r.put("channelKey", w.channel);
        r.put("userId", userId);
        r.put("displayName", name);
        r.put("phone", phone);
        admin().body(r).post("/api/residents").then().statusCode(201);
    }

    /** Pairs (结对) a resident with a member. */
    public void pair(String residentCode, String memberCode) {
        admin().body(Map.of("code", Api.uniq("p"), "memberCode", memberCode, "residentCode", residentCode))
                .post("/api/pairings")
                .then()
                .statusCode(201);
    }

    /** Makes a member the head (站长) of a workstation. */
    public void head(String workstation, String memberCode) {
        admin().body(Map.of("code", workstation, "name", "工作站 " + workstation, "headMemberCode", memberCode))
                .put("/api/workstations/" + workstation)
                .then()
                .statusCode(200);
    }

    /** A chat group on the world's channel bound to a community or a workstation; answers its code. */
    public String group(World w, String chatId, String communityCode, String workstationCode) {
        String code = Api.uniq("grp");
        Map<String, Object> g = new HashMap<>();
        g.put("code", code);
        g.put("channelKey", w.channel);
        g.put("chatId", chatId);
        g.put("name", "群 " + chatId);
        g.put("communityCode", communityCode);
        g.put("workstationCode", workstationCode);
        admin().body(g).post("/api/groups").then().statusCode(201);
        return code;
    }

    /** Gives the world's community and workstation real display names (静安门社区, 临夏路街道政协委员工作站). */
    public void realNames(World w, String communityName, String workstationName, String headMemberCode) {
        Map<String, Object> ws = new HashMap<>();
        ws.put("code", w.workstation);
        ws.put("name", workstationName);
        ws.put("headMemberCode", headMemberCode);
        admin().body(ws).put("/api/workstations/" + w.workstation).then().statusCode(200);
        admin().body(Map.of(
                        "code",
                        w.community,
                        "name",
                        communityName,
                        "councilName",
                        "协商议事会",
                        "workstationCode",
                        w.workstation))
                .put("/api/communities/" + w.community)
                .then()
                .statusCode(200);
    }

    /** Files an opinion as an organizer and returns its number. */
    public static String file(String text, String community, String resident, String urgency) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        if (community != null) {
            body.put("communityCode", community);
        }
        if (resident != null) {
            body.put("residentCode", resident);
        }
        if (urgency != null) {
            body.put("urgency", urgency);
        }
        return admin().body(body)
                .post("/api/opinions")
                .then()
                .statusCode(201)
                .extract()
                .path("number");
    }
}
