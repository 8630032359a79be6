package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import io.tongxin.support.Webhooks;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventConfirmationTest {

    @Inject
    Clock clock;

    @Inject
    EventFollowUp followUp;

    @Inject
    EventConfig config;

    private String published(EventWorld w) {
        String code = Api.uniq("dance");
        admin().body(w.event(
                        code,
                        "class",
                        Map.of(
                                "communityCodes",
                                List.of(w.c1),
                                "workstationCodes",
                                List.of(w.ws1),
                                "groupCodes",
                                List.of(w.g3))))
                .post("/api/events")
                .then()
                .statusCode(201);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);
        return code;
    }

    private void runFollowUp() {
        while (followUp.run() >= config.followUpBatch()) {
            // other tests' events too
        }
    }

    private static long keys(String code, String part) {
        return EventWorld.outbox(code).stream()
                .filter(r -> ((String) r.get("idempotencyKey")).contains(part))
                .count();
    }

    @Test
    void shouldTakeConfirmationsFromTheHeadFromACouncilsGroupAndByApi() {
        EventWorld w = new EventWorld();
        String code = published(w);

        String reply = ChatSays.say(w.channel, null, EventWorld.userOf(w.head), "已转发 " + code)
                .orElseThrow();
        assertEquals("已记录：工作站" + w.ws1 + " 已转发「街舞公益课堂」。谢谢！", reply);
        reply = ChatSays.say(w.channel, EventWorld.chatOf(w.g3), "wxid_someone", "@同心助手 已转发 " + code)
                .orElseThrow();
        assertTrue(reply.contains("议事会" + w.c3), reply);
        // without an @-mention in a group: a known event is confirmed, an unknown one is chatter
        assertTrue(ChatSays.say(w.channel, EventWorld.chatOf(w.g3), "wxid_someone", "已转发 nosuch-event")
                .isEmpty());
        // a member who heads nothing, in a direct chat: nothing to confirm
        reply = ChatSays.say(w.channel, null, EventWorld.userOf(w.member), "已转发 " + code)
                .orElseThrow();
        assertTrue(reply.contains("无需确认"), reply);
        admin().get("/api/events/" + code + "/confirmations")
                .then()
                .body("confirmed.unitCode", containsInAnyOrder(w.ws1, w.c3))
                .body("pending.unitCode", containsInAnyOrder(w.c1));

        admin().body(Map.of("unitKind", "community", "unitCode", w.c2))
                .post("/api/events/" + code + "/confirmations")
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.contains("unitCode"));
        admin().body(Map.of("unitKind", "street", "unitCode", w.c1))
                .post("/api/events/" + code + "/confirmations")
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.contains("unitKind"));
        admin().body(Map.of("unitKind", "community", "unitCode", w.c1))
                .post("/api/events/" + code + "/confirmations")
                .then()
                .statusCode(200)
                .body("confirmed", hasSize(3))
                .body("pending", hasSize(0));

        ((MutableClock) clock).advance(Duration.ofHours(100));
        runFollowUp();
        assertEquals(0, keys(code, ":nudge:"), "everyone confirmed: nobody is nudged");
    }

    @Test
    void shouldNudgeOnceAfterTheDelayThenListTheRestToTheOrganizers() {
        EventWorld w = new EventWorld();
        String code = published(w);
        MutableClock c = (MutableClock) clock;

        c.advance(Duration.ofHours(23));
        runFollowUp();
        assertEquals(0, keys(code, ":nudge:"), "not before confirm-within");

        c.advance(Duration.ofHours(2));
        runFollowUp();
        // c1: its two groups; c3: its group; ws1: its group and its head
        assertEquals(5, keys(code, ":nudge:"));
        assertEquals(1, keys(code, ":nudge:workstation:" + w.ws1 + ":member:" + w.head));
        admin().get("/api/events/" + code + "/confirmations")
                .then()
                .body("pending.nudgedAt.findAll { it != null }.size()", equalTo(3));
        runFollowUp();
        c.advance(Duration.ofHours(2));
        runFollowUp();
        assertEquals(5, keys(code, ":nudge:"), "nudged once");
        assertEquals(0, keys(code, ":escalate:"));

        admin().body(Map.of("unitKind", "community", "unitCode", w.c1))
                .post("/api/events/" + code + "/confirmations")
                .then()
                .statusCode(200);
        c.advance(Duration.ofHours(24));
        runFollowUp();
        // ws1 and c3 are still not confirmed; no organizer group is set: ws1's own group hears of ws1
        // (c3 belongs to ws2, which has no group)
        List<Map<String, Object>> escalations = EventWorld.outbox(code).stream()
                .filter(r -> ((String) r.get("idempotencyKey")).contains(":escalate:"))
                .toList();
        assertEquals(1, escalations.size());
        assertEquals("chat:" + EventWorld.chatOf(w.gWs1), escalations.get(0).get("target"));
        assertTrue(((String) escalations.get(0).get("text")).contains("工作站" + w.ws1));
        c.advance(Duration.ofHours(48));
        runFollowUp();
        assertEquals(1, keys(code, ":escalate:"), "escalated once");
        admin().get("/api/events/" + code + "/confirmations")
                .then()
                .body("pending.escalatedAt.findAll { it != null }.size()", equalTo(2));
    }

    @Test
    void shouldConfirmFromAGroupThroughTheWebhookWithoutFilingAConcern() throws Exception {
        EventWorld w = new EventWorld();
        String code = published(w);
        Webhooks.postBridge(w.channel, Webhooks.bridgeMessage("@同心助手 已转发 " + code, EventWorld.chatOf(w.g1b)))
                .then()
                .statusCode(200);
        for (int i = 0; i < 50; i++) {
            List<String> confirmed = admin().get("/api/events/" + code + "/confirmations")
                    .then()
                    .extract()
                    .path("confirmed.unitCode");
            if (confirmed.contains(w.c1)) {
                break;
            }
            Thread.sleep(100);
        }
        admin().get("/api/events/" + code + "/confirmations")
                .then()
                .body("confirmed.unitCode", containsInAnyOrder(w.c1));
        admin().queryParam("communityCode", w.c1)
                .get("/api/opinions")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }
}
