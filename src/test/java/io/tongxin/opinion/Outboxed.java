package io.tongxin.opinion;

import static io.tongxin.support.Api.admin;

import java.util.List;
import java.util.Map;

/** What an opinion said, read back from the real outbox: {@code GET /api/outbox?origin=opinion:<number>}. */
final class Outboxed {

    /** One outbox row: channel, target ({@code user:id}, {@code chat:id}, {@code robot:****abcd}), text, mentions, key. */
    record Sent(String channelKey, String target, String text, List<String> mentions, String key) {}

    private Outboxed() {}

    @SuppressWarnings("unchecked")
    static List<Sent> about(String number) {
        List<Map<String, Object>> items = admin().queryParam("origin", "opinion:" + number)
                .queryParam("size", 500)
                .get("/api/outbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return items.stream()
                .map(i -> new Sent(
                        (String) i.get("channelKey"),
                        (String) i.get("target"),
                        (String) i.get("text"),
                        (List<String>) i.get("mentions"),
                        (String) i.get("idempotencyKey")))
                .toList();
    }

    /** The outbox target of a member created by {@link Fixture#member}: their user id on the world's channel. */
    static String memberTarget(String memberCode) {
        return "user:" + Fixture.userIdOf(memberCode);
    }

    /** The outbox target of the reporter of an opinion filed directly (not in a group): the resident's user id. */
    static String reporterTarget(String number) {
        String resident = admin().get("/api/opinions/" + number)
                .then()
                .statusCode(200)
                .extract()
                .path("reporter.code");
        return "user:"
                + admin().get("/api/residents/" + resident)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("userId");
    }
}
