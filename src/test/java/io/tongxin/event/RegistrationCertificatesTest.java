package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Certificates: at least 0.8 of the scheduled sessions attended, as JSON, CSV and a printable page. */
@QuarkusTest
class RegistrationCertificatesTest {

    @Inject
    MutableClock clock;

    private String register(String event, String name, String community) {
        return admin().body(Map.of("participantName", name, "communityCode", community))
                .post("/api/events/" + event + "/registrations")
                .then()
                .statusCode(201)
                .extract()
                .path("code");
    }

    private void attend(String event, String code, int... sessions) {
        for (int s : sessions) {
            admin().body(Map.of("session", s))
                    .post("/api/events/" + event + "/registrations/" + code + "/check-in")
                    .then()
                    .statusCode(200);
        }
    }

    /** Five sessions (a sixth cancelled, which does not count): 4 attended earns one, 3 does not. */
    private String[] classWithAttendance() {
        String community = EventFixtures.communities(1).get(0);
        Instant now = clock.instant();
        List<Instant> starts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            starts.add(now.plus(Duration.ofDays(i)));
        }
        String event = EventFixtures.create(EventFixtures.spec().starts(starts), now);
        String four = register(event, "张<小>明 & \"Li\"", community);
        String three = register(event, "赵小红", community);
        String five = register(event, "钱多多", community);
        EventFixtures.cancelSession(event, 6);
        attend(event, four, 1, 2, 3, 5);
        attend(event, three, 1, 2, 3);
        attend(event, five, 1, 2, 3, 4, 5);
        return new String[] {event, four, three, five};
    }

    @Test
    void shouldCertifyThoseWhoAttendedEnoughSessionsAsJson() {
        String[] w = classWithAttendance();
        admin().get("/api/events/" + w[0] + "/certificates")
                .then()
                .statusCode(200)
                .body("scheduledSessions", equalTo(5))
                .body("required", equalTo(4))
                .body("total", equalTo(2))
                .body("items.registrationCode", equalTo(List.of(w[1], w[3])))
                .body("items.attended", equalTo(List.of(4, 5)))
                .body("items[0].participantName", equalTo("张<小>明 & \"Li\""))
                .body("items[0].communityName", equalTo("社区甲"));
    }

    @Test
    void shouldExportCertificatesAsCsvWithBomHeaderAndChineseIntact() {
        String[] w = classWithAttendance();
        Response r = admin().accept("text/csv").get("/api/events/" + w[0] + "/certificates");
        r.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        byte[] bytes = r.asByteArray();
        assertEquals((byte) 0xEF, bytes[0]);
        assertEquals((byte) 0xBB, bytes[1]);
        assertEquals((byte) 0xBF, bytes[2]);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertEquals(3, lines.length, text);
        assertEquals(
                "registrationCode,participantName,communityCode,communityName,attended,sessions,eventCode,eventTitle",
                lines[0]);
        assertTrue(lines[1].startsWith(w[1] + ",\"张<小>明 & \"\"Li\"\"\","), lines[1]);
        assertTrue(lines[1].endsWith(",社区甲,4,5," + w[0] + ",街舞公益课堂"), lines[1]);
        assertTrue(lines[2].contains("钱多多"));
        assertFalse(text.contains("赵小红"));
    }

    @Test
    void shouldPrintCertificatesAsHtmlWithNamesEscaped() {
        String[] w = classWithAttendance();
        String html = admin().accept("text/html")
                .get("/api/events/" + w[0] + "/certificates")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .extract()
                .asString();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("张&lt;小&gt;明 &amp; &quot;Li&quot;"), html);
        assertFalse(html.contains("张<小>明"));
        assertTrue(html.contains("钱多多"));
        assertFalse(html.contains("赵小红"));
        assertEquals(2, html.split("class=\"certificate\"", -1).length - 1);
    }

    @Test
    void shouldGiveCertificatesOnlyForClasses() {
        String meeting = EventFixtures.create(EventFixtures.spec().kind(EventKind.MEETING), clock.instant());
        admin().get("/api/events/" + meeting + "/certificates").then().statusCode(409);
        admin().get("/api/events/no-such-event/certificates").then().statusCode(404);
    }
}
