package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invited members answer by chat (real bridge webhooks into the bot's event scripts) and by API. */
@QuarkusTest
class EventRsvpTest {

    @Inject
    Clock clock;

    @Inject
    EventFollowUp followUp;

    @Inject
    EventConfig config;

    @Inject
    EventChangedRecorder recorder;

    @Test
    void invitedMembersAnswerByChatAndApiAndThoseWhoDoNotAreNudgedOnce() {
        EventWorld w = new EventWorld();
        String code = Api.uniq("mt");
        Map<String, Object> e = w.event(code, "meeting", Map.of());
        e.put("title", "协商议事会：老旧小区加装电梯");
        e.put("invitedMemberCodes", List.of(w.member, w.other, w.head));
        admin().body(e).post("/api/events").then().statusCode(201);

        String reply = ChatSays.say(w.channel, null, EventWorld.userOf(w.member), "参加 " + code)
                .orElseThrow();
        assertTrue(reply.contains("尚未发布"), "a draft takes no answers: " + reply);
        admin().post("/api/events/" + code + "/publish").then().statusCode(200);

        reply = ChatSays.say(w.channel, null, EventWorld.userOf(w.member), "参加 " + code)
                .orElseThrow();
        assertTrue(reply.contains("您将参加"), reply);
        assertTrue(!reply.contains("Noted"), "one language: " + reply);
        reply = ChatSays.say(w.channel, EventWorld.chatOf(w.g1a), EventWorld.userOf(w.other), "@同心助手 请假 " + code)
                .orElseThrow();
        assertTrue(reply.contains("请说明请假原因"), reply);
        admin().body(Map.of("rsvp", "leave"))
                .post("/api/events/" + code + "/invitees/" + w.other + "/rsvp")
                .then()
                .statusCode(400)
                .body("violations.field", contains("reason"));
        admin().body(Map.of("rsvp", "maybe"))
                .post("/api/events/" + code + "/invitees/" + w.other + "/rsvp")
                .then()
                .statusCode(400)
                .body("violations.field", contains("rsvp"));
        admin().body(Map.of("rsvp", "leave", "reason", "出差"))
                .post("/api/events/" + code + "/invitees/" + w.other + "/rsvp")
                .then()
                .statusCode(200);
        // in a group the answer needs no @-mention; the reason is taken from the same line
        reply = ChatSays.say(w.channel, EventWorld.chatOf(w.g1a), EventWorld.userOf(w.other), "请假 " + code + " 家中有事")
                .orElseThrow();
        assertEquals("已记录您的请假：「协商议事会：老旧小区加装电梯」。", reply);
        // an uninvited member is told so; an unknown event in a group that did not address the bot: silence
        EventWorld stranger = new EventWorld();
        reply = ChatSays.say(stranger.channel, null, EventWorld.userOf(stranger.member), "参加 " + code)
                .orElseThrow();
        assertTrue(reply.contains("没有找到") || reply.contains("不在"), reply);
        assertTrue(
                ChatSays.say(w.channel, "chat-x", "wxid-x", "参加 nosuch-event").isEmpty());

        admin().get("/api/events/" + code + "/invitees")
                .then()
                .statusCode(200)
                .body("attending.memberCode", contains(w.member))
                .body("leave.memberCode", contains(w.other))
                .body("leave[0].reason", equalTo("家中有事"))
                .body("pending.memberCode", contains(w.head));

        MutableClock c = (MutableClock) clock;
        c.advance(Duration.ofHours(25));
        while (followUp.run() >= config.followUpBatch()) {
            // other tests' events too
        }
        c.advance(Duration.ofHours(25));
        while (followUp.run() >= config.followUpBatch()) {
            // again: nothing new
        }
        List<Map<String, Object>> nudges = EventWorld.outbox(code).stream()
                .filter(r -> ((String) r.get("idempotencyKey")).contains(":rsvp-nudge:"))
                .toList();
        assertEquals(1, nudges.size());
        assertEquals("user:" + EventWorld.userOf(w.head), nudges.get(0).get("target"));
        assertEquals(
                List.of(
                        EventChanged.Change.PUBLISHED,
                        EventChanged.Change.INVITEES,
                        EventChanged.Change.INVITEES,
                        EventChanged.Change.INVITEES),
                recorder.of(EventIds.of(code)));
    }
}
