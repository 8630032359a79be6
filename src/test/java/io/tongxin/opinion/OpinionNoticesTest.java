package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opinion notices end to end: who gets what, where, as real outbox rows (GET /api/outbox). */
@QuarkusTest
class OpinionNoticesTest {

    @Inject
    Fixture fixture;

    @Inject
    OpinionService opinions;

    @Inject
    OpinionNotices notices;

    private static void assertNoPersonalDetails(String text, String memberCode) {
        assertFalse(text.contains("13812345678") || text.contains("1381234"), text);
        assertFalse(text.contains("张三丰"), text);
        assertFalse(text.contains("王" + memberCode), text);
    }

    private static String botChannel() {
        String key = Api.uniq("bot");
        admin().body(Map.of(
                        "key",
                        key,
                        "type",
                        "wecom-bot",
                        "name",
                        "智能机器人",
                        "token",
                        "QDG6eK",
                        "encodingAesKey",
                        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    @Test
    void shouldAnswerTheReporterInTheirGroupChatMentioningThemWithoutPhoneOrNames() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String chat = Api.uniq("residents") + "@chatroom";
        fixture.group(w, chat, w.community, null);
        String resident = Api.uniq("r");
        String userId = "wx-" + resident;
        fixture.resident(w, resident, userId, "张三丰", "13812345678");
        String number = opinions.create(
                        new NewOpinion(
                                "我是张三丰，电话13812345678，" + w.keyword + "坏了",
                                w.community,
                                null,
                                resident,
                                null,
                                new NewOpinion.SourceMessage(w.channel, chat, userId, "张三丰", null)),
                        Actor.system())
                .number();

        var toGroup = Outboxed.about(number).stream()
                .filter(s -> s.target().equals("chat:" + chat))
                .toList();
        assertEquals(1, toGroup.size(), Outboxed.about(number).toString());
        assertEquals(w.channel, toGroup.get(0).channelKey());
        assertEquals(List.of(userId), toGroup.get(0).mentions());
        assertTrue(
                toGroup.get(0).text().contains("已转交王委员跟进，编号 " + number),
                toGroup.get(0).text());
        assertNoPersonalDetails(toGroup.get(0).text(), m);
        // the assignee is told directly, with the text, the community and how to acknowledge
        var toMember = Outboxed.about(number).stream()
                .filter(s -> s.target().equals(Outboxed.memberTarget(m)))
                .findFirst()
                .orElseThrow();
        assertTrue(toMember.text().contains("收到 " + number) && toMember.text().contains(w.community), toMember.text());
        assertTrue(
                toMember.text().contains("138****5678") && !toMember.text().contains("13812345678"), toMember.text());
        assertTrue(toMember.key().startsWith("opinion:" + number + ":assigned-" + m + ":"), toMember.key());

        admin().body(Map.of())
                .post("/api/opinions/" + number + "/acknowledge")
                .then()
                .statusCode(200);
        admin().body(Map.of("note", "已修复，如有问题请联系13900001111"))
                .post("/api/opinions/" + number + "/resolve")
                .then()
                .statusCode(200);
        var resolved = Outboxed.about(number).stream()
                .filter(s -> s.target().equals("chat:" + chat) && s.text().contains("1-5"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(userId), resolved.mentions());
        assertFalse(resolved.text().contains("13900001111"), resolved.text());
        assertTrue(resolved.text().contains("139****1111"), resolved.text());
        assertNoPersonalDetails(resolved.text(), m);
        assertEquals(3, Outboxed.about(number).size(), "assigned to the group, to the member, resolved to the group");
    }

    /** Out of the organizer queue: the reporter hears of the first assignee, not of later transfers. */
    @Test
    void shouldTellTheReporterWhenAQueuedOpinionIsFirstAssigned() {
        var w = fixture.world();
        String chat = Api.uniq("residents") + "@chatroom";
        fixture.group(w, chat, w.community, null);
        String number = opinions.create(
                        new NewOpinion(
                                w.keyword + "坏了",
                                w.community,
                                null,
                                null,
                                null,
                                new NewOpinion.SourceMessage(w.channel, chat, "wx-queued", "赵六", null)),
                        Actor.system())
                .number();
        admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("received"));
        var queued = Outboxed.about(number);
        assertEquals(1, queued.size(), queued.toString());
        assertTrue(queued.get(0).text().contains("尽快安排委员跟进"), queued.get(0).text());

        String first = Api.uniq("m");
        String second = Api.uniq("m");
        fixture.member(w, first, w.sector, w.workstation, Set.of(w.community), 5, null);
        fixture.member(w, second, w.sector, w.workstation, Set.of(w.community), 5, null);
        admin().body(Map.of("memberCode", first, "reason", "熟悉情况"))
                .post("/api/opinions/" + number + "/assign")
                .then()
                .statusCode(200);
        var told = Outboxed.about(number).stream()
                .filter(s -> s.target().equals("chat:" + chat) && s.text().contains("已转交"))
                .toList();
        assertEquals(1, told.size(), Outboxed.about(number).toString());
        assertEquals(List.of("wx-queued"), told.get(0).mentions());

        admin().body(Map.of("memberCode", second, "reason", "换人"))
                .post("/api/opinions/" + number + "/assign")
                .then()
                .statusCode(200);
        assertEquals(
                1,
                Outboxed.about(number).stream()
                        .filter(s ->
                                s.target().equals("chat:" + chat) && s.text().contains("已转交"))
                        .count(),
                "a reassignment is not announced to the group again");
        assertTrue(Outboxed.about(number).stream().anyMatch(s -> s.target().equals(Outboxed.memberTarget(second))));
    }

    @Test
    void shouldReachAWecomGroupThroughItsRobotAndTheMemberOnAnotherChannel() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String bot = botChannel();
        String chat = Api.uniq("wrk");
        Map<String, Object> group = new HashMap<>(Map.of(
                "code",
                Api.uniq("grp"),
                "channelKey",
                bot,
                "chatId",
                chat,
                "name",
                "居民群",
                "communityCode",
                w.community,
                "robotWebhookUrl",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key-0000-9f3e"));
        admin().body(group).post("/api/groups").then().statusCode(201);
        String number = opinions.create(
                        new NewOpinion(
                                w.keyword + "不亮",
                                w.community,
                                null,
                                null,
                                null,
                                new NewOpinion.SourceMessage(bot, chat, "ZhangSan", "张三丰", null)),
                        Actor.system())
                .number();

        var sent = Outboxed.about(number);
        var toGroup = sent.stream()
                .filter(s -> s.channelKey().equals(bot))
                .findFirst()
                .orElseThrow();
        assertEquals("robot:****9f3e", toGroup.target());
        assertEquals(List.of("ZhangSan"), toGroup.mentions());
        assertNoPersonalDetails(toGroup.text(), m);
        // the member has no identity on the robot's channel: their own channel is used
        var toMember = sent.stream()
                .filter(s -> s.target().equals(Outboxed.memberTarget(m)))
                .findFirst()
                .orElseThrow();
        assertEquals(w.channel, toMember.channelKey());
    }

    @Inject
    jakarta.persistence.EntityManager em;

    /** A robot URL stored before keys were required cannot be sent to: the group notice is unaddressed, nothing fails. */
    @Test
    void shouldTreatAStoredRobotUrlWithoutKeyAsUnreachable() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String bot = botChannel();
        String chat = Api.uniq("wrk");
        String group = Api.uniq("grp");
        admin().body(Map.of(
                        "code",
                        group,
                        "channelKey",
                        bot,
                        "chatId",
                        chat,
                        "name",
                        "居民群",
                        "communityCode",
                        w.community,
                        "robotWebhookUrl",
                        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key-0000-1111"))
                .post("/api/groups")
                .then()
                .statusCode(201);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "update chat_group set robot_webhook_url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' where code = ?1")
                        .setParameter(1, group)
                        .executeUpdate());
        String number = opinions.create(
                        new NewOpinion(
                                w.keyword + "不亮",
                                w.community,
                                null,
                                null,
                                null,
                                new NewOpinion.SourceMessage(bot, chat, "ZhangSan", "张三丰", null)),
                        Actor.system())
                .number();
        assertTrue(Outboxed.about(number).stream().noneMatch(s -> s.channelKey().equals(bot)));
        assertTrue(Outboxed.about(number).stream().anyMatch(s -> s.target().equals(Outboxed.memberTarget(m))));
        assertTrue(admin().get("/api/opinions/" + number)
                .then()
                .extract()
                .jsonPath()
                .getList("history.type", String.class)
                .contains("unaddressed"));
    }

    @Test
    void shouldPreferTheMembersIdentityOnTheReportersChannel() {
        var w = fixture.world();
        String other = "a-" + Api.uniq("ch"); // sorts before the world's channel
        admin().body(Map.of(
                        "key",
                        other,
                        "type",
                        "bridge",
                        "name",
                        "另一个桥接",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true))
                .post("/api/channels")
                .then()
                .statusCode(201);
        String m = Api.uniq("m");
        Map<String, Object> member = new HashMap<>();
        member.put("code", m);
        member.put("name", "王" + m);
        member.put("level", "county");
        member.put("sectorCode", w.sector);
        member.put("workstationCode", w.workstation);
        member.put("communityCodes", List.of(w.community));
        member.put(
                "identities",
                List.of(
                        Map.of("channelKey", other, "userId", "other-" + m),
                        Map.of("channelKey", w.channel, "userId", Fixture.userIdOf(m))));
        admin().body(member).post("/api/members").then().statusCode(201);
        String resident = Api.uniq("r");
        fixture.resident(w, resident, "wx-" + resident, "李四", null);

        String fromResident = Fixture.file(w.keyword, w.community, resident, null);
        var toMember = Outboxed.about(fromResident).stream()
                .filter(s -> s.key().contains(":assigned-"))
                .toList();
        assertEquals(1, toMember.size());
        assertEquals(w.channel, toMember.get(0).channelKey());
        assertEquals(Outboxed.memberTarget(m), toMember.get(0).target());

        // a phone call has no channel: the member's first identity is used
        String byPhone = Fixture.file(w.keyword + "再次", w.community, null, null);
        var first = Outboxed.about(byPhone).stream()
                .filter(s -> s.key().contains(":assigned-"))
                .toList();
        assertEquals(1, first.size());
        assertEquals(other, first.get(0).channelKey());
        assertEquals("user:other-" + m, first.get(0).target());
    }

    @Test
    void shouldRecordInTheHistoryWhenTheAssigneeCannotBeAddressedInsteadOfFailing() {
        var w = fixture.world();
        String m = Api.uniq("m-silent");
        Map<String, Object> member = new HashMap<>();
        member.put("code", m);
        member.put("name", "赵" + m);
        member.put("level", "county");
        member.put("sectorCode", w.sector);
        member.put("workstationCode", w.workstation);
        admin().body(member).post("/api/members").then().statusCode(201);
        String resident = Api.uniq("r");
        fixture.resident(w, resident, "wx-" + resident, "李四", null);

        String number = Fixture.file(w.keyword, w.community, resident, null);
        var history = admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .body("status", equalTo("assigned"))
                .body("assignee.code", equalTo(m))
                .extract()
                .jsonPath();
        assertEquals(
                List.of("notice to member " + m + " not sent: the member has no chat identity"),
                history.getList("history.findAll { it.type == 'unaddressed' }.note"));
        var sent = Outboxed.about(number);
        assertEquals(1, sent.size(), sent.toString());
        assertEquals(Outboxed.reporterTarget(number), sent.get(0).target());
    }

    @Test
    void shouldStoreANoticeOnceWhenItsKeyIsEnqueuedAgain() {
        var w = fixture.world();
        String m = Api.uniq("m");
        fixture.member(w, m, w.sector, w.workstation, Set.of(w.community), 5, null);
        String number = Fixture.file(w.keyword, w.community, null, null);
        String key = "opinion:" + number + ":test-retry:1";
        var notice = new io.tongxin.dialogue.Notice(
                OpinionMessages.REOPENED, Map.of("number", number, "title", "重试", "reason", ""));
        for (int i = 0; i < 2; i++) {
            var d = QuarkusTransaction.requiringNew().call(() -> notices.toMember(number, m, null, notice, key));
            assertTrue(d.queued());
        }
        assertEquals(
                1,
                Outboxed.about(number).stream().filter(s -> s.key().equals(key)).count());
    }
}
