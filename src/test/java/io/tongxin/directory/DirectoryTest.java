package io.tongxin.directory;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The read API other features use: routing candidates, chat lookups, residents, pairings. */
@QuarkusTest
class DirectoryTest {

    @Inject
    Directory directory;

    @Test
    void shouldAnswerRoutingQuestionsAboutMembers() {
        String channel = Fixtures.channel();
        String sector = Fixtures.sector();
        String ws = Fixtures.workstation();
        String community = Fixtures.community(ws);
        String serving = uniq("mem");
        var m = Fixtures.member(serving, sector);
        m.put("communityCodes", List.of(community));
        m.put("onLeaveUntil", "2026-07-31");
        m.put("identities", List.of(Map.of("channelKey", channel, "userId", "wx-" + serving)));
        admin().body(m).post("/api/members").then().statusCode(201);
        String head = uniq("mem");
        var h = Fixtures.member(head, Fixtures.sector());
        h.put("workstationCode", ws);
        admin().body(h).post("/api/members").then().statusCode(201);
        admin().body(Map.of("code", ws, "name", "工作站", "headMemberCode", head))
                .put("/api/workstations/" + ws)
                .then()
                .statusCode(200);

        MemberInfo info = directory.findMember(serving).orElseThrow();
        assertEquals(List.of(community), info.communityCodes());
        assertEquals(10, info.capacity());
        assertTrue(info.onLeave(LocalDate.parse("2026-07-31")));
        assertFalse(info.onLeave(LocalDate.parse("2026-08-01")));
        assertEquals("wx-" + serving, info.userIdOn(channel).orElseThrow());
        assertEquals(List.of(serving), codes(directory.membersServingCommunity(community)));
        assertEquals(List.of(head), codes(directory.membersOfWorkstation(ws)));
        assertEquals(List.of(serving), codes(directory.membersOfSector(sector)));
        assertEquals(head, directory.workstationHead(ws).orElseThrow().code());
        assertEquals(
                serving,
                directory
                        .memberByIdentity(channel, "wx-" + serving)
                        .orElseThrow()
                        .code());
        assertTrue(directory.memberByIdentity(channel, "someone-else").isEmpty());
        assertTrue(directory.findMember("no-such-member").isEmpty());
        assertEquals(ws, directory.findCommunity(community).orElseThrow().workstationCode());
        assertEquals(
                List.of(community),
                directory.communitiesOfWorkstation(ws).stream()
                        .map(CommunityInfo::code)
                        .toList());
    }

    @Test
    void shouldOfferACommunityAddedOrRenamedThroughThisInstanceAtOnceThoughTheListIsCached() {
        String ws = Fixtures.workstation();
        String first = Fixtures.community(ws);
        assertEquals(communityCodes(directory.communities()), communityCodes(directory.communitiesRecent()));
        String added = Fixtures.community(ws); // the list is cached now: the write forgets it
        assertTrue(communityCodes(directory.communitiesRecent()).contains(added));
        admin().body(Map.of("code", first, "name", "改名社区", "councilName", "改名社区协商议事会", "workstationCode", ws))
                .put("/api/communities/" + first)
                .then()
                .statusCode(200);
        assertEquals(
                "改名社区",
                directory.communitiesRecent().stream()
                        .filter(c -> c.code().equals(first))
                        .findFirst()
                        .orElseThrow()
                        .name());
        assertEquals(directory.communities(), directory.communitiesRecent());
    }

    private static List<String> communityCodes(List<CommunityInfo> communities) {
        return communities.stream().map(CommunityInfo::code).toList();
    }

    @Test
    void shouldFindGroupsByChatAndByAudienceWithTheClearRobotUrl() {
        String channel = Fixtures.channel();
        String ws = Fixtures.workstation();
        String community = Fixtures.community(ws);
        String sector = Fixtures.sector();
        String a = uniq("grp");
        admin().body(Map.of(
                        "code",
                        a,
                        "channelKey",
                        channel,
                        "chatId",
                        "room-" + a,
                        "name",
                        "居民群",
                        "communityCode",
                        community,
                        "robotWebhookUrl",
                        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key"))
                .post("/api/groups")
                .then()
                .statusCode(201);
        String b = uniq("grp");
        admin().body(Map.of(
                        "code", b, "channelKey", channel, "chatId", "room-" + b, "name", "界别群", "sectorCode", sector))
                .post("/api/groups")
                .then()
                .statusCode(201);

        GroupInfo g = directory.findGroupByChat(channel, "room-" + a).orElseThrow();
        assertEquals(a, g.code());
        assertEquals(community, g.communityCode());
        assertEquals("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key", g.robotWebhookUrl());
        assertFalse(g.toString().contains("secret-key"));
        assertTrue(directory.findGroupByChat(channel, "unknown-room").isEmpty());
        assertEquals(
                Set.of(a, b),
                Set.copyOf(directory.groupsBoundTo(List.of(community), null, List.of(sector)).stream()
                        .map(GroupInfo::code)
                        .toList()));
        assertEquals(
                List.of(a),
                directory.groupsBoundTo(List.of(community), List.of(), List.of()).stream()
                        .map(GroupInfo::code)
                        .toList());
        assertTrue(directory.groupsBoundTo(List.of(), List.of(ws), List.of()).isEmpty());
    }

    @Test
    void shouldFindOrCreateResidentsByIdentityAndFollowTheirPairing() {
        String channel = Fixtures.channel();
        ResidentInfo created = directory.findOrCreateResident(channel, "wxid_new", "新居民");
        assertTrue(created.code().startsWith("r-"));
        assertEquals("新居民", created.displayName());
        ResidentInfo again = directory.findOrCreateResident(channel, "wxid_new", null);
        assertEquals(created.code(), again.code());
        assertEquals("新居民", again.displayName(), "a missing name keeps the stored one");
        assertEquals(
                "王阿姨",
                directory.findOrCreateResident(channel, "wxid_new", "王阿姨").displayName());
        assertEquals("王阿姨", directory.findResident(created.code()).orElseThrow().displayName());
        assertEquals(
                created.code(),
                directory
                        .findResidentByIdentity(channel, "wxid_new")
                        .orElseThrow()
                        .code());

        assertTrue(directory.pairingMemberForResident(created.code()).isEmpty());
        String member = Fixtures.member();
        admin().body(Map.of("code", uniq("pair"), "memberCode", member, "residentCode", created.code()))
                .post("/api/pairings")
                .then()
                .statusCode(201);
        assertEquals(
                member,
                directory.pairingMemberForResident(created.code()).orElseThrow().code());
    }

    @Test
    void shouldCreateOneResidentWhenManyRequestsRaceForTheSameIdentity() throws Exception {
        String channel = Fixtures.channel();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<String>> tasks = java.util.stream.IntStream.range(0, 6)
                    .mapToObj(i -> (Callable<String>) () -> directory
                            .findOrCreateResident(channel, "racer", null)
                            .code())
                    .toList();
            Set<String> codes = new java.util.HashSet<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.size(), "every caller sees the same resident");
        } finally {
            pool.shutdown();
        }
        admin().queryParam("channelKey", channel)
                .get("/api/residents")
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void shouldMaskThePhoneWhenAResidentIsPrinted() {
        String channel = Fixtures.channel();
        String code = Fixtures.resident(channel, "u1", "13800001234");
        ResidentInfo r = directory.findResident(code).orElseThrow();
        assertEquals("13800001234", r.phone());
        assertEquals("138****1234", r.maskedPhone());
        assertFalse(r.toString().contains("13800001234"));
    }

    private static List<String> codes(List<MemberInfo> members) {
        return members.stream().map(MemberInfo::code).toList();
    }
}
