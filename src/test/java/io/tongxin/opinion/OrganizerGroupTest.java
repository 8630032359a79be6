package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.opinion.sla.SlaEngine;
import io.tongxin.shared.MutableClock;
import io.tongxin.support.AlternateSettings;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code tongxin.opinion.organizer-group} set, 督办 notices go to that group and not to the
 * groups of the opinion's workstation; without the group in the directory they are "unaddressed".
 */
@QuarkusTest
@TestProfile(AlternateSettings.class)
class OrganizerGroupTest {

    @Inject
    Fixture fixture;

    @Inject
    SlaEngine sla;

    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldSendTheDuBanNoticeToTheConfiguredOrganizerGroupOnly() {
        var w = fixture.world();
        String m = Api.uniq("m");
        String head = Api.uniq("m-head");
        fixture.member(w, m, w.sector, w.workstation, Set.of(), 5, null);
        fixture.member(w, head, w.otherSector, w.elsewhere, Set.of(), 5, null);
        fixture.head(w.workstation, head);
        String stationChat = Api.uniq("station-chat");
        fixture.group(w, stationChat, null, w.workstation);

        // first without the configured group in the directory: nobody to tell, and the history says so
        String first = Fixture.file(w.keyword + "，很急", w.community, null, null);
        clock.advance(Duration.ofMinutes(121)); // past the 2 h acknowledge deadline: to the head
        sla.runSla();
        clock.advance(Duration.ofMinutes(121)); // a further window: 督办 to the organizers
        sla.runSla();
        assertTrue(admin()
                .get("/api/opinions/" + first)
                .then()
                .extract()
                .jsonPath()
                .getList("history.findAll { it.type == 'unaddressed' }.note", String.class)
                .stream()
                .anyMatch(n -> n.contains("organizer group '" + AlternateSettings.ORGANIZER_GROUP + "'")));
        assertEquals(
                0,
                Outboxed.about(first).stream()
                        .filter(s -> s.text().contains("督办"))
                        .count());

        String dutyChat = Api.uniq("duty-chat");
        admin().body(Map.of(
                        "code",
                        AlternateSettings.ORGANIZER_GROUP,
                        "channelKey",
                        w.channel,
                        "chatId",
                        dutyChat,
                        "name",
                        "政协督办群",
                        "sectorCode",
                        w.otherSector))
                .post("/api/groups")
                .then()
                .statusCode(201);
        String second = Fixture.file(w.keyword + "，很急", w.community, null, null);
        clock.advance(Duration.ofMinutes(121));
        sla.runSla();
        clock.advance(Duration.ofMinutes(121));
        sla.runSla();
        var duBan = Outboxed.about(second).stream()
                .filter(s -> s.text().contains("督办"))
                .toList();
        assertEquals(1, duBan.size(), Outboxed.about(second).toString());
        assertEquals("chat:" + dutyChat, duBan.get(0).target());
        assertTrue(
                Outboxed.about(second).stream().noneMatch(s -> s.target().equals("chat:" + stationChat)),
                "the workstation's own group is not used when an organizer group is configured");
    }
}
