package io.tongxin.event.reminder;

import static io.tongxin.support.Api.admin;
import static io.tongxin.support.Api.uniq;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tongxin.event.Event;
import io.tongxin.event.EventChanged;
import io.tongxin.event.EventInvitee;
import io.tongxin.event.EventKind;
import io.tongxin.event.EventSession;
import io.tongxin.event.EventStatus;
import io.tongxin.event.Registration;
import io.tongxin.event.RegistrationStatus;
import io.tongxin.event.Rsvp;
import io.tongxin.event.SessionStatus;
import io.tongxin.shared.MutableClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Arranges events for the reminder tests directly with Panache (the event and registration services
 * are built elsewhere) and fires {@link EventChanged} inside the transaction of each change, exactly
 * as those services do; reads back reminder rows and outbox rows.
 */
@ApplicationScoped
public class ReminderFixtures {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A reminder row. */
    public record Row(
            long id,
            int session,
            String offset,
            String kind,
            String ref,
            Instant dueAt,
            String status,
            String reason,
            Instant firedAt) {}

    /** An outbox row. */
    public record Sent(String key, String target, String body, String origin) {}

    @Inject
    jakarta.enterprise.event.Event<EventChanged> changes;

    @Inject
    EntityManager em;

    @Inject
    MutableClock clock;

    @Inject
    ZoneId zone;

    @Inject
    Clock appClock;

    /** A bridge channel (dry run; reaches users and chats) through the admin API. */
    public static String bridgeChannel() {
        return bridgeChannel(admin());
    }

    /** The same with another profile's admin token. */
    public static String bridgeChannel(io.restassured.specification.RequestSpecification api) {
        return bridgeChannel(api, "zh-CN");
    }

    /** A bridge channel whose bot (and notices) speak {@code language}. */
    public static String bridgeChannel(io.restassured.specification.RequestSpecification api, String language) {
        String key = uniq("rem-ch");
        api.body(Map.of(
                        "key",
                        key,
                        "type",
                        "bridge",
                        "name",
                        "提醒测试",
                        "secret",
                        "bridge-shared-secret-0001",
                        "sendUrl",
                        "http://127.0.0.1:9/send",
                        "dryRun",
                        true,
                        "language",
                        language))
                .post("/api/channels")
                .then()
                .statusCode(201);
        return key;
    }

    /** A committee member with an identity on the channel, through the admin API. */
    public static String member(String channel) {
        String sector = uniq("rem-sec");
        admin().body(Map.of("code", sector, "name", "界别"))
                .post("/api/sectors")
                .then()
                .statusCode(201);
        String code = uniq("rem-m");
        admin().body(Map.of(
                        "code",
                        code,
                        "name",
                        "委员",
                        "level",
                        "county",
                        "sectorCode",
                        sector,
                        "communityCodes",
                        List.of(),
                        "identities",
                        List.of(Map.of("channelKey", channel, "userId", "wx-" + code))))
                .post("/api/members")
                .then()
                .statusCode(201);
        return code;
    }

    /** Local time {@code at} on the day {@code days} from today, in tongxin.zone. */
    public Instant local(int days, LocalTime at) {
        return LocalDate.now(appClock.withZone(zone))
                .plusDays(days)
                .atTime(at)
                .atZone(zone)
                .toInstant();
    }

    /** Moves the application clock to this instant. */
    public void moveTo(Instant when) {
        clock.advance(Duration.between(appClock.instant(), when));
    }

    /** A published event with one-hour sessions starting at these instants. */
    public long event(String code, String offsets, Instant... starts) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Event e = new Event();
            e.code = code;
            e.kind = EventKind.CLASS;
            e.title = "街舞公益课堂 " + code;
            e.venue = "山丹县文化馆";
            e.status = EventStatus.PUBLISHED;
            e.reminderOffsets = offsets;
            e.createdAt = appClock.instant();
            e.updatedAt = e.createdAt;
            e.publishedAt = e.createdAt;
            for (int i = 0; i < starts.length; i++) {
                EventSession s = new EventSession();
                s.event = e;
                s.number = i + 1;
                s.code = code + "-" + (i + 1);
                s.startsAt = starts[i];
                s.endsAt = starts[i].plus(Duration.ofHours(1));
                e.sessions.add(s);
            }
            e.persist();
            return e.id;
        });
    }

    /** A registration on a chat identity (null channel: an API registration nobody can reach). */
    public String register(long eventId, String channel, String userId, RegistrationStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Registration r = new Registration();
            r.eventId = eventId;
            r.code = code();
            r.participantName = "小明";
            r.channelKey = channel;
            r.userId = userId;
            r.status = status;
            r.createdAt = appClock.instant();
            r.persist();
            changes.fire(EventChanged.of(eventId, EventChanged.Change.REGISTRATIONS));
            return r.code;
        });
    }

    public void setRegistration(long eventId, String code, RegistrationStatus status, boolean fire) {
        QuarkusTransaction.requiringNew().run(() -> {
            Registration r = Registration.find("eventId = ?1 and code = ?2", eventId, code)
                    .firstResult();
            r.status = status;
            if (fire) {
                changes.fire(EventChanged.of(eventId, EventChanged.Change.REGISTRATIONS));
            }
        });
    }

    public void invite(long eventId, String memberCode, Rsvp rsvp) {
        QuarkusTransaction.requiringNew().run(() -> {
            EventInvitee i = EventInvitee.findById(new EventInvitee.Key(eventId, memberCode));
            if (i == null) {
                i = new EventInvitee();
                i.id = new EventInvitee.Key(eventId, memberCode);
                i.persist();
            }
            i.rsvp = rsvp;
            changes.fire(EventChanged.of(eventId, EventChanged.Change.INVITEES));
        });
    }

    public void fire(long eventId, EventChanged.Change change) {
        QuarkusTransaction.requiringNew().run(() -> changes.fire(EventChanged.of(eventId, change)));
    }

    /** Moves session {@code number} (and bumps the event's version, as a change through the event does). */
    public void reschedule(long eventId, int number, Instant startsAt, String venue) {
        QuarkusTransaction.requiringNew().run(() -> {
            Event e = Event.findById(eventId);
            EventSession s = e.sessions.stream()
                    .filter(x -> x.number == number)
                    .findFirst()
                    .orElseThrow();
            s.startsAt = startsAt;
            s.endsAt = startsAt.plus(Duration.ofHours(1));
            s.venue = venue;
            e.updatedAt = appClock.instant();
            changes.fire(EventChanged.ofSession(eventId, EventChanged.Change.SESSION_RESCHEDULED, s.id));
        });
    }

    /** Fires the reschedule change again for session {@code number} without changing it (a retried notice). */
    public void refireReschedule(long eventId, int number) {
        QuarkusTransaction.requiringNew().run(() -> {
            Event e = Event.findById(eventId);
            EventSession s = e.sessions.stream()
                    .filter(x -> x.number == number)
                    .findFirst()
                    .orElseThrow();
            changes.fire(EventChanged.ofSession(eventId, EventChanged.Change.SESSION_RESCHEDULED, s.id));
        });
    }

    public void cancelSession(long eventId, int number) {
        QuarkusTransaction.requiringNew().run(() -> {
            Event e = Event.findById(eventId);
            EventSession s = e.sessions.stream()
                    .filter(x -> x.number == number)
                    .findFirst()
                    .orElseThrow();
            s.status = SessionStatus.CANCELLED;
            e.updatedAt = appClock.instant();
            changes.fire(EventChanged.ofSession(eventId, EventChanged.Change.SESSION_CANCELLED, s.id));
        });
    }

    public void setStatus(long eventId, EventStatus status, String reason, EventChanged.Change change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Event e = Event.findById(eventId);
            e.status = status;
            e.cancelReason = reason;
            e.updatedAt = appClock.instant();
            changes.fire(EventChanged.of(eventId, change));
        });
    }

    @SuppressWarnings("unchecked")
    public List<Row> reminders(long eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select r.id, s.number, r.offset_iso, r.recipient_kind, r.recipient_ref, r.due_at, r.status,"
                                                + " r.reason, r.fired_at from event_reminder r join event_session s on s.id = r.session_id"
                                                + " where r.event_id = ?1 order by s.number, r.offset_iso, r.recipient_kind, r.recipient_ref")
                                .setParameter(1, eventId)
                                .getResultList())
                        .stream()
                                .map(r -> new Row(
                                        ((Number) r[0]).longValue(),
                                        ((Number) r[1]).intValue(),
                                        (String) r[2],
                                        (String) r[3],
                                        (String) r[4],
                                        ReminderQueries.instant(r[5]),
                                        (String) r[6],
                                        (String) r[7],
                                        ReminderQueries.instant(r[8])))
                                .toList());
    }

    @SuppressWarnings("unchecked")
    public List<Sent> outbox(String eventCode) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select idempotency_key, target_kind || ':' || target_id, body, origin_type || ':' || origin_id"
                                                + " from outbox_message where origin_type = 'event' and origin_id = ?1 order by id")
                                .setParameter(1, eventCode)
                                .getResultList())
                        .stream()
                                .map(r -> new Sent((String) r[0], (String) r[1], (String) r[2], (String) r[3]))
                                .toList());
    }

    /** Fires due reminders until none is left; answers how many rows were claimed. */
    public int fireAll(ReminderDispatcher dispatcher) {
        int total = 0;
        int n;
        do {
            n = dispatcher.fireDue();
            total += n;
        } while (n > 0);
        return total;
    }

    /** Deletes an event and everything of it (the schema cascades). */
    public void delete(long eventId) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("delete from event where id = ?1")
                        .setParameter(1, eventId)
                        .executeUpdate());
    }

    static OffsetDateTime utc(Instant i) {
        return EventReminders.utc(i);
    }

    static String code() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
