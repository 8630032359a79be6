package io.tongxin.event;

import static io.tongxin.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.tongxin.support.Api;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** A broadcast to 10,000 groups is one transaction of a few batched statements (E3 benchmarks it). */
@QuarkusTest
class EventBroadcastTest {

    private static final Logger LOG = Logger.getLogger(EventBroadcastTest.class);

    @Inject
    EntityManager em;

    @Test
    void shouldPublishToTenThousandGroupsInOneGo() {
        EventWorld w = new EventWorld();
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("insert into chat_group (code, channel_key,"
                                + " chat_id, name, community_code, created_at, updated_at) select ?1 || '-' || n, ?2, ?1 || '-' || n,"
                                + " '居民群', ?3, now(), now() from generate_series(1, 10000) n")
                        .setParameter(1, Api.uniq("bulk"))
                        .setParameter(2, w.channel)
                        .setParameter(3, w.c3)
                        .executeUpdate());
        String code = Api.uniq("big");
        Map<String, Object> e = w.event(code, "class", Map.of("communityCodes", List.of(w.c3)));
        e.put("confirm", false); // keeps other tests' follow-up passes from nudging 10,000 groups
        admin().body(e).post("/api/events").then().statusCode(201);
        long t0 = System.nanoTime();
        admin().post("/api/events/" + code + "/publish")
                .then()
                .statusCode(200)
                .body("deliveredGroups", equalTo(10_001));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.infof("published to 10,001 groups in %d ms (HTTP round trip included)", ms);
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                        "select count(*) from outbox_message where origin_type = 'event' and origin_id = ?1")
                .setParameter(1, code)
                .getSingleResult());
        assertEquals(10_001, rows.intValue());
        assertTrue(ms < 20_000, "a generous bound on a shared 2-core test machine: " + ms + " ms");
    }
}
