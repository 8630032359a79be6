package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventPublishTest {

    @Inject
    EventChangedRecorder recorder;

    @Test
    void shouldPostOneInvitationPerGroupChosenFourWaysEachGroupOnce() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("dance");
        // c1 (two groups) by community; ws1 by workstation (its own group gWs1; its communities' groups are
        // not bound to it); the sector's group; g1a again and g3 explicitly: g1a must not be posted twice
        Map<String, Object> e = w.event(
                code,
                "class",
                Map.of(
                        "communityCodes", List.of(w.c1),
                        "workstationCodes", List.of(w.ws1),
                        "sectorCodes", List.of(w.sector),
                        "groupCodes", List.of(w.g1a, w.g3)));
        e.put("invitedMemberCodes", List.of(w.member, w.other));
        admin().body(e).post("/api/events").then().statusCode(201);
        assertEquals(0, EventWorld.outbox(code).size(), "a draft says nothing");

        admin().post("/api/events/" + code + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("deliveredGroups", equalTo(5));

        List<Map<String, Object>> rows = EventWorld.outbox(code);
        Set<String> groupTargets = rows.stream()
                .map(r -> (String) r.get("target"))
                .filter(t -> t.startsWith("chat:"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                new TreeSet<>(Set.of(
                        "chat:" + EventWorld.chatOf(w.g1a),
                        "chat:" + EventWorld.chatOf(w.g1b),
                        "chat:" + EventWorld.chatOf(w.gWs1),
                        "chat:" + EventWorld.chatOf(w.gSector),
                        "chat:" + EventWorld.chatOf(w.g3))),
                groupTargets);
        assertEquals(
                5,
                rows.stream()
                        .filter(r -> ((String) r.get("target")).startsWith("chat:"))
                        .count());
        Set<String> members = rows.stream()
                .map(r -> (String) r.get("target"))
                .filter(t -> t.startsWith("user:"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("user:" + EventWorld.userOf(w.member), "user:" + EventWorld.userOf(w.other)), members);

        Map<String, Object> groupRow = rows.stream()
                .filter(r -> r.get("target").equals("chat:" + EventWorld.chatOf(w.g1a)))
                .findFirst()
                .orElseThrow();
        String text = (String) groupRow.get("text");
        assertTrue(text.contains("街舞公益课堂"), text);
        assertTrue(text.contains("报名 " + code + " 姓名 年龄"), text);
        assertTrue(text.contains("已转发 " + code), text);
        assertFalse(text.contains("Sign up"), "one language, the channel's (zh-CN): " + text);
        assertEquals("event:" + code + ":invite:group:" + w.g1a, groupRow.get("idempotencyKey"));
        String memberText = (String) rows.stream()
                .filter(r -> r.get("target").equals("user:" + EventWorld.userOf(w.member)))
                .findFirst()
                .orElseThrow()
                .get("text");
        assertTrue(memberText.contains("参加 " + code), memberText);

        // councils of c1 and c3 (groups reached) and workstation ws1 are expected to confirm; c2 was not reached
        admin().get("/api/events/" + code + "/confirmations")
                .then()
                .statusCode(200)
                .body("confirmed.size()", equalTo(0))
                .body("pending.unitCode", org.hamcrest.Matchers.containsInAnyOrder(w.ws1, w.c1, w.c3));

        assertEquals(List.of(EventChanged.Change.PUBLISHED), recorder.of(EventIds.of(code)));
    }

    @Test
    void shouldResolveTheAudienceWhenPublishingNotWhenCreating() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("mt");
        admin().body(w.event(code, "meeting", Map.of("communityCodes", List.of(w.c2))))
                .post("/api/events")
                .then()
                .statusCode(201);
        String late = Api.uniq("grp");
        admin().body(Map.of(
                        "code",
                        late,
                        "channelKey",
                        w.channel,
                        "chatId",
                        "chat-" + late,
                        "name",
                        "新群",
                        "communityCode",
                        w.c2))
                .post("/api/groups")
                .then()
                .statusCode(201);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200).body("deliveredGroups", equalTo(2));
        assertEquals(2, EventWorld.outbox(code).size());
    }

    @Test
    void shouldNotAskForConfirmationWhenConfirmIsOff() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("cls");
        Map<String, Object> e = w.event(code, "class", Map.of("communityCodes", List.of(w.c1)));
        e.put("confirm", false);
        admin().body(e).post("/api/events").then().statusCode(201);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        admin().get("/api/events/" + code + "/confirmations").then().body("pending.size()", equalTo(0));
        assertTrue(EventWorld.outbox(code).stream().noneMatch(r -> ((String) r.get("text")).contains("已转发")));
    }
}
