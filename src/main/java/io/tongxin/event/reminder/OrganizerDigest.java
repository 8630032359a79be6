package io.tongxin.event.reminder;

import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.event.EventAddressing;
import io.tongxin.event.EventConfig;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The organizers' daily digest: from {@code tongxin.event.digest-at} (in {@code tongxin.zone}) on,
 * one message to the organizer group ({@code tongxin.opinion.organizer-group}) listing tomorrow's
 * sessions of published events with their registration counts. Once per day across instances: the
 * outbox idempotency key {@code event-digest:<tomorrow's date>} makes every later attempt (another
 * instance, the next tick) store nothing. No sessions tomorrow: nothing is sent. Stateless, so a
 * digest missed at 18:00 while the service was down goes when it is back, until midnight.
 */
@ApplicationScoped
public class OrganizerDigest {

    private static final Logger LOG = Logger.getLogger(OrganizerDigest.class);

    private static final String TOMORROW = """
            select s.starts_at, e.code, e.title, s.number, coalesce(s.venue, e.venue),
                   (select count(*) from event_registration g where g.event_id = e.id and g.status = 'registered')
              from event_session s join event e on e.id = s.event_id
             where s.status = 'scheduled' and e.status = 'published' and s.starts_at >= ?1 and s.starts_at < ?2
             order by s.starts_at, e.code, s.number""";

    /** What a digest attempt did. */
    public enum Outcome {
        NOT_YET,
        NO_SESSIONS,
        NO_ORGANIZER_GROUP,
        QUEUED,
        ALREADY_QUEUED
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ZoneId zone;

    @Inject
    EventConfig config;

    @Inject
    Directory directory;

    @Inject
    EventAddressing addressing;

    @Inject
    Outbox outbox;

    @Inject
    ReminderTexts texts;

    /** The organizers' group code (shared with the opinion notices). */
    @ConfigProperty(name = "tongxin.opinion.organizer-group")
    Optional<String> organizerGroup;

    @Transactional
    public Outcome sendIfDue() {
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(config.digestAt())) {
            return Outcome.NOT_YET;
        }
        LocalDate tomorrow = now.toLocalDate().plusDays(1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TOMORROW)
                .setParameter(1, EventReminders.utc(tomorrow.atStartOfDay(zone).toInstant()))
                .setParameter(
                        2,
                        EventReminders.utc(
                                tomorrow.plusDays(1).atStartOfDay(zone).toInstant()))
                .getResultList();
        if (rows.isEmpty()) {
            return Outcome.NO_SESSIONS;
        }
        Optional<GroupInfo> group = organizerGroup.flatMap(directory::findGroup);
        if (group.isEmpty()) {
            LOG.warnf(
                    "the organizers' digest for %s is not sent: tongxin.opinion.organizer-group %s",
                    tomorrow,
                    organizerGroup.map(c -> "'" + c + "' does not exist").orElse("is unset"));
            return Outcome.NO_ORGANIZER_GROUP;
        }
        List<ReminderTexts.DigestLine> lines = rows.stream()
                .map(r -> new ReminderTexts.DigestLine(
                        ReminderQueries.instant(r[0]),
                        (String) r[1],
                        (String) r[2],
                        ((Number) r[3]).intValue(),
                        (String) r[4],
                        ((Number) r[5]).longValue()))
                .toList();
        Optional<OutboundMessage> m = addressing.toGroup(
                group.get(),
                "event-digest:" + tomorrow,
                texts.digest(tomorrow, lines),
                Origin.of("event-digest", tomorrow.toString()));
        if (m.isEmpty()) {
            LOG.warnf(
                    "the organizers' digest for %s is not sent: group %s cannot be reached",
                    tomorrow, group.get().code());
            return Outcome.NO_ORGANIZER_GROUP;
        }
        return outbox.enqueue(m.get()).created() ? Outcome.QUEUED : Outcome.ALREADY_QUEUED;
    }
}
