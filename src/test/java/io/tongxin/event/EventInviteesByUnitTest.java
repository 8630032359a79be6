package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Invited members chosen by sector, by workstation and by code: the union, each member invited once. */
@QuarkusTest
class EventInviteesByUnitTest {

    @Test
    void shouldInviteTheUnionOfSectorWorkstationAndExplicitMembersEachOnce() {
        EventWorld w = new EventWorld();
        String sector2 = Api.uniq("sec");
        admin().body(Map.of("code", sector2, "name", "经济界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        String a1 = Api.uniq("mem"); // sector2, and named explicitly as well
        String a2 = Api.uniq("mem"); // sector2 and ws2: chosen two ways
        String a3 = Api.uniq("mem"); // ws2 only
        member(w, a1, sector2, null);
        member(w, a2, sector2, w.ws2);
        member(w, a3, w.sector, w.ws2);

        String code = Api.uniq("meet");
        Map<String, Object> e = w.event(code, "meeting", Map.of());
        e.put("invitedSectorCodes", List.of(sector2));
        e.put("invitedWorkstationCodes", List.of(w.ws2));
        e.put("invitedMemberCodes", List.of(a1, w.member));
        admin().body(e).post("/api/events").then().statusCode(201);

        Set<String> expected = new TreeSet<>(Set.of(a1, a2, a3, w.member));
        List<String> invited = admin().get("/api/events/" + code)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("invitedMemberCodes", String.class);
        assertEquals(List.copyOf(expected), invited, "the union, sorted, each once");

        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        List<String> targets = EventWorld.outbox(code).stream()
                .map(r -> (String) r.get("target"))
                .filter(t -> t.startsWith("user:"))
                .toList();
        assertEquals(4, targets.size(), targets.toString());
        assertEquals(
                expected.stream().map(m -> "user:" + EventWorld.userOf(m)).collect(Collectors.toSet()),
                Set.copyOf(targets));
        admin().get("/api/events/" + code + "/invitees").then().statusCode(200).body("pending.size()", equalTo(4));
    }

    @Test
    void shouldRefuseAnUnknownSectorOrWorkstationNamingTheFieldAndStoreNothing() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("meet");
        Map<String, Object> e = w.event(code, "meeting", Map.of());
        e.put("invitedSectorCodes", List.of(w.sector, "no-such-sector"));
        admin().body(e)
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("violations.field", contains("invitedSectorCodes[1]"));
        admin().get("/api/events/" + code).then().statusCode(404);

        e.remove("invitedSectorCodes");
        e.put("invitedWorkstationCodes", List.of("no-such-ws"));
        admin().body(e)
                .post("/api/events")
                .then()
                .statusCode(400)
                .body("violations.field", contains("invitedWorkstationCodes[0]"));
        admin().get("/api/events/" + code).then().statusCode(404);
    }

    private static void member(EventWorld w, String code, String sector, String ws) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("name", "委员" + code.substring(code.length() - 4));
        m.put("level", "city");
        m.put("sectorCode", sector);
        if (ws != null) {
            m.put("workstationCode", ws);
        }
        m.put("communityCodes", List.of());
        m.put("identities", List.of(Map.of("channelKey", w.channel, "userId", EventWorld.userOf(code))));
        admin().body(m).post("/api/members").then().statusCode(201);
    }
}
