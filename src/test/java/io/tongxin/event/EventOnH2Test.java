package io.tongxin.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tongxin.shared.EmbeddedModeTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The event core in the embedded (H2) mode: the seeded events are imported at start, and publishing
 * (JDBC batches with ON CONFLICT), the follow-up and the finishing pass (SKIP LOCKED) run on H2 too.
 */
@QuarkusTest
@TestProfile(EmbeddedModeTest.Embedded.class)
class EventOnH2Test {

    @Inject
    EventService events;

    @Inject
    EventQueries queries;

    @Inject
    Confirmations confirmations;

    @Inject
    EventFollowUp followUp;

    @Inject
    EventLifecycle lifecycle;

    @Inject
    Clock clock;

    @Test
    void shouldPublishAndFollowUpTheSeededMeetingOnH2() {
        EventView v = events.publish("lz-jinganmen-council-2027-03");
        assertEquals(EventStatus.PUBLISHED, v.status());
        assertTrue(v.deliveredGroups() >= 2, "the community's and the workstation's groups: " + v);
        assertEquals(2, confirmations.list(v.code()).pending().size());
        MutableClock c = (MutableClock) clock;
        c.advance(Duration.ofHours(25));
        assertTrue(followUp.run() >= 2);
        c.advance(Duration.ofHours(25));
        assertTrue(followUp.run() >= 2);
        assertEquals(0, followUp.run());
        c.advance(Duration.ofDays(400));
        assertTrue(lifecycle.finishEnded() >= 1);
        assertEquals(EventStatus.FINISHED, queries.get(v.code()).status());
    }
}
