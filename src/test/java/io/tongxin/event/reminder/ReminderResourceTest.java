package io.tongxin.event.reminder;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** {@code GET /api/events/{code}/reminders}: organizers see every row with its status, filtered by status. */
@QuarkusTest
class ReminderResourceTest {

    @Inject
    ReminderFixtures f;

    @Test
    void shouldListAnEventsRemindersFilteredByStatus() {
        String channel = ReminderFixtures.bridgeChannel();
        String code = uniq("ev");
        long event = f.event(code, "PT24H,PT2H", f.local(5, LocalTime.of(10, 0)));
        String a = f.register(event, channel, "wx-a", RegistrationStatus.REGISTERED);
        String b = f.register(event, channel, "wx-b", RegistrationStatus.REGISTERED);
        f.setRegistration(event, b, RegistrationStatus.CANCELLED, true);

        String organizer = Api.mint("organizer", null);
        Api.as(organizer)
                .get("/api/events/" + code + "/reminders")
                .then()
                .statusCode(200)
                .body("total", equalTo(4))
                .body("items", hasSize(4))
                .body("items[0].offset", equalTo("PT24H"))
                .body("items[0].sessionCode", equalTo(code + "-1"));
        admin().queryParam("status", "pending")
                .get("/api/events/" + code + "/reminders")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.recipientRef", everyItem(equalTo(a)))
                .body("items.recipientKind", everyItem(equalTo("registration")));
        admin().queryParam("status", "cancelled")
                .get("/api/events/" + code + "/reminders")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.reason", everyItem(equalTo("the registration is no longer registered")));
    }

    @Test
    void shouldRefuseAnUnknownStatusAndAnUnknownEvent() {
        String code = uniq("ev");
        f.event(code, "PT2H", f.local(5, LocalTime.of(10, 0)));
        admin().queryParam("status", "lost")
                .get("/api/events/" + code + "/reminders")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));
        admin().get("/api/events/no-such-event/reminders").then().statusCode(404);
    }
}
