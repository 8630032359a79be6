package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventSeedTest {

    @Test
    void shouldImportTheDemoEventsAsDraftsAndChangeNothingTheSecondTime() {
        admin().post("/api/seeds/import").then().statusCode(200);
        admin().post("/api/seeds/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("kinds.events.unchanged", equalTo(2));
        admin().get("/api/events/lz-street-dance-2027")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"))
                .body("kind", equalTo("class"))
                // Saturdays and Sundays 6 March - 25 April 2027 but the Qingming weekend (3, 4 April)
                .body("sessions", hasSize(14))
                .body("sessions[0].startsAt", equalTo("2027-03-06T01:30:00Z"))
                .body("sessions.venue[0..1]", contains("毅禾街舞学校碧桂园校区", "毅禾街舞学校西站校区"))
                .body("audience.communityCodes", contains("lz-jinganmen", "lz-xilu"))
                .body("quotas.'lz-xilu'", equalTo(20));
        admin().get("/api/events/lz-jinganmen-council-2027-03")
                .then()
                .statusCode(200)
                .body("kind", equalTo("meeting"))
                .body("sessions[0].startsAt", equalTo("2027-03-12T06:30:00Z"))
                .body("invitedMemberCodes", contains("lz-xue-wenjun", "lz-yang-xiaolong"));
    }
}
