package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;

import io.tongxin.support.Api;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arranges one test's own world: a category with a unique keyword linked to a unique sector, a
 * workstation with a community, and helpers to add members and file opinions over HTTP.
 */
@ApplicationScoped
public class Fixture {

    @Inject
    TestDirectory directory;

    /** One test's codes. */
    public static final class World {
        public final String sector = Api.uniq("sec");
        public final String keyword = Api.uniq("kw");
        public final String category = Api.uniq("cat");
        public final String categoryName = "测试类别" + category;
        public final String workstation = Api.uniq("ws");
        public final String community = Api.uniq("com");
    }

    /** Installs the default dictionary plus this world's category (keyword -> sector). */
    @SuppressWarnings("unchecked")
    public World world() {
        World w = new World();
        Map<String, Object> dict = admin().get("/api/dictionary").then().statusCode(200).extract().as(Map.class);
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
        directory.community(w.community, w.workstation);
        return w;
    }

    public void member(String code, String sector, String workstation, Set<String> communities, Integer capacity,
            LocalDate leave) {
        directory.member(code, "王" + code, sector, workstation, communities, capacity, leave);
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
        return admin().body(body).post("/api/opinions").then().statusCode(201).extract().path("number");
    }
}
