package io.tongxin.outbox;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.shared.MutableClock;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Retention: sent messages older than 30 days and dead ones older than 90 days are deleted with
 * their attempts; recent, pending and retrying ones stay.
 */
@QuarkusTest
class OutboxRetentionTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRetention retention;

    @Inject
    EntityManager em;

    @Inject
    MutableClock clock;

    @Test
    void shouldDeleteOldSentAndDeadMessagesWithTheirAttemptsOnly() {
        String channel = Channels.bridge("http://127.0.0.1:9/send");
        String origin = uniq("retention");
        long oldSent = enqueue(channel, origin, "old-sent");
        long oldDead = enqueue(channel, origin, "old-dead");
        long recentSent = enqueue(channel, origin, "recent-sent");
        long deadRecently = enqueue(channel, origin, "dead-recently");
        long oldPending = enqueue(channel, origin, "old-pending");
        QuarkusTransaction.requiringNew().run(() -> {
            // relative to the application clock, which the purge uses (tests may have moved it)
            mark(oldSent, "sent", "sent_at", Duration.ofDays(31));
            mark(oldDead, "dead", "updated_at", Duration.ofDays(91));
            mark(recentSent, "sent", "sent_at", Duration.ofDays(29));
            mark(deadRecently, "dead", "updated_at", Duration.ofDays(31));
            mark(oldPending, "pending", "created_at", Duration.ofDays(200));
            em.createNativeQuery(
                            "insert into outbox_attempt (message_id, attempt, part, sender, outcome, instance_id, at,"
                                    + " duration_ms) values (?1, 1, 1, 'bridge', 'sent', 'test', current_timestamp, 5)")
                    .setParameter(1, oldSent)
                    .executeUpdate();
        });

        assertEquals(2, retention.purge());
        admin().get("/api/outbox/" + oldSent).then().statusCode(404);
        admin().get("/api/outbox/" + oldDead).then().statusCode(404);
        admin().queryParam("origin", "test:" + origin)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .body("total", equalTo(3));
        assertEquals(
                0L,
                ((Number) QuarkusTransaction.requiringNew()
                                .call(() -> em.createNativeQuery(
                                                "select count(*) from outbox_attempt where message_id = ?1")
                                        .setParameter(1, oldSent)
                                        .getSingleResult()))
                        .longValue(),
                "its attempts went with it");
        assertEquals(0, retention.purge());
    }

    private long enqueue(String channel, String origin, String what) {
        return outbox.enqueue(OutboundMessage.of(
                        origin + ":" + what,
                        channel,
                        Target.chat("room"),
                        Content.text(what),
                        Origin.of("test", origin)))
                .id();
    }

    private void mark(long id, String status, String column, Duration ago) {
        em.createNativeQuery("update outbox_message set status = ?1, " + column + " = ?2 where id = ?3")
                .setParameter(1, status)
                .setParameter(2, clock.instant().minus(ago))
                .setParameter(3, id)
                .executeUpdate();
    }
}
