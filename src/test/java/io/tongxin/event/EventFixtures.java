package io.tongxin.event;

import static io.tongxin.support.Api.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tongxin.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events for registration tests, written straight to the database (the event API is another
 * engineer's room): a published class or meeting with sessions, capacity and quotas, and the
 * directory rows it needs (a workstation with communities).
 */
final class EventFixtures {

    private EventFixtures() {}

    /** A workstation and {@code n} communities in it, by the API; answers the community codes. */
    static List<String> communities(int n) {
        String ws = Api.uniq("ws");
        admin().body(Map.of("code", ws, "name", "工作站 " + ws))
                .post("/api/workstations")
                .then()
                .statusCode(201);
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = Api.uniq("com");
            admin().body(Map.of(
                            "code", c, "name", "社区" + (char) ('甲' + i), "councilName", "协商议事会", "workstationCode", ws))
                    .post("/api/communities")
                    .then()
                    .statusCode(201);
            codes.add(c);
        }
        return codes;
    }

    /** What to build. */
    static final class Spec {
        String code = Api.uniq("EV");
        EventKind kind = EventKind.CLASS;
        EventStatus status = EventStatus.PUBLISHED;
        String title = "街舞公益课堂";
        int capacity;
        Map<String, Integer> quotas = new LinkedHashMap<>();
        Instant publishedAt;
        Instant opensAt;
        Instant closesAt;
        /** Session starts; each lasts 90 minutes. */
        List<Instant> starts;

        Spec capacity(int c) {
            capacity = c;
            return this;
        }

        Spec quota(String community, int places) {
            quotas.put(community, places);
            return this;
        }

        Spec status(EventStatus s) {
            status = s;
            return this;
        }

        Spec kind(EventKind k) {
            kind = k;
            return this;
        }

        Spec opensAt(Instant t) {
            opensAt = t;
            return this;
        }

        Spec closesAt(Instant t) {
            closesAt = t;
            return this;
        }

        Spec starts(List<Instant> s) {
            starts = s;
            return this;
        }
    }

    static Spec spec() {
        return new Spec();
    }

    /** Writes the event (published a minute ago on the given clock's time, sessions from tomorrow by default). */
    static String create(Spec s, Instant now) {
        List<Instant> starts =
                s.starts != null ? s.starts : List.of(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(8)));
        QuarkusTransaction.requiringNew().run(() -> {
            Event e = new Event();
            e.code = s.code;
            e.kind = s.kind;
            e.title = s.title;
            e.venue = "县文化馆";
            e.status = s.status;
            e.capacity = s.capacity;
            e.quotas.putAll(s.quotas);
            e.opensAt = s.opensAt;
            e.closesAt = s.closesAt;
            e.publishedAt = s.status == EventStatus.DRAFT ? null : now.minus(Duration.ofMinutes(1));
            e.createdAt = now;
            e.updatedAt = now;
            for (int i = 0; i < starts.size(); i++) {
                EventSession session = new EventSession();
                session.event = e;
                session.number = i + 1;
                session.code = s.code + "-" + (i + 1);
                session.startsAt = starts.get(i);
                session.endsAt = starts.get(i).plus(Duration.ofMinutes(90));
                e.sessions.add(session);
            }
            e.persist();
        });
        return s.code;
    }

    /** Cancels one session (by number) in the database. */
    static void cancelSession(String eventCode, int number) {
        QuarkusTransaction.requiringNew()
                .run(() -> EventSession.update(
                        "status = ?1 where code = ?2", SessionStatus.CANCELLED, eventCode + "-" + number));
    }

    /** Removes the event and everything hanging off it (the schema cascades). */
    static void delete(String eventCode) {
        QuarkusTransaction.requiringNew().run(() -> Event.delete("code", eventCode));
    }
}
