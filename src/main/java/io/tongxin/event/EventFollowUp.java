package io.tongxin.event;

import io.tongxin.dialogue.Notice;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.opinion.OpinionConfig;
import io.tongxin.outbox.Origin;
import io.tongxin.outbox.OutboundMessage;
import io.tongxin.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The follow-up of a published invitation. A workstation or council that has not confirmed
 * {@code tongxin.event.confirm-within} after publishing is nudged once (in the groups of it that
 * received the invitation, and its head for a workstation); still not confirmed one more period
 * after the nudge, it is listed to the organizers ({@code tongxin.opinion.organizer-group}, else the
 * groups of the workstation it belongs to), once. An invited member who has not answered within
 * the same delay is nudged once. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * instances never nudge twice; {@code nudged_at} / {@code escalated_at} make each step happen once.
 */
@ApplicationScoped
public class EventFollowUp {

    private static final Logger LOG = Logger.getLogger(EventFollowUp.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    EventConfig config;

    @Inject
    OpinionConfig opinionConfig;

    @Inject
    Directory directory;

    @Inject
    EventAddressing addressing;

    @Inject
    EventMessages messages;

    @Inject
    Confirmations confirmations;

    @Inject
    Outbox outbox;

    /** One pass over confirmations and invitees; returns how many rows it handled. */
    @Transactional
    public int run() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.confirmWithin());
        return confirmations(now, cutoff) + invitees(now, cutoff);
    }

    private int confirmations(Instant now, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select event_id, unit_kind, unit_code, nudged_at"
                        + " from event_confirmation where confirmed_at is null and escalated_at is null"
                        + " and (nudged_at is null or nudged_at <= ?1)"
                        + " and event_id in (select id from event where status = 'published' and published_at <= ?1)"
                        + " order by event_id, unit_kind, unit_code limit ?2 for update skip locked")
                .setParameter(1, cutoff)
                .setParameter(2, config.followUpBatch())
                .getResultList();
        List<OutboundMessage> out = new ArrayList<>();
        Map<Long, List<String[]>> escalations = new LinkedHashMap<>();
        Map<Long, Event> events = new HashMap<>();
        for (Object[] r : rows) {
            long eventId = ((Number) r[0]).longValue();
            String kind = (String) r[1];
            String code = (String) r[2];
            Event e = events.computeIfAbsent(eventId, id -> Event.findById(id));
            if (r[3] == null) {
                out.addAll(nudgeUnit(e, kind, code));
                stamp("nudged_at", eventId, kind, code, now);
            } else {
                escalations.computeIfAbsent(eventId, k -> new ArrayList<>()).add(new String[] {kind, code});
                stamp("escalated_at", eventId, kind, code, now);
            }
        }
        escalations.forEach((eventId, units) -> out.addAll(escalate(events.get(eventId), units, now)));
        outbox.enqueueAll(out);
        return rows.size();
    }

    private List<OutboundMessage> nudgeUnit(Event e, String kind, String code) {
        Origin origin = Origin.of("event", e.code);
        Notice text = messages.confirmationNudge(e, confirmations.name(kind, code));
        String key = "event:" + e.code + ":nudge:" + kind + ":" + code;
        List<OutboundMessage> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> groups = em.createNativeQuery("select group_code from event_delivery where event_id = ?1 and "
                        + (kind.equals("community") ? "community_code" : "workstation_code")
                        + " = ?2 order by group_code")
                .setParameter(1, e.id)
                .setParameter(2, code)
                .getResultList();
        for (String g : groups) {
            directory
                    .findGroup(g)
                    .flatMap(info -> addressing.toGroup(info, key + ":group:" + g, text, origin))
                    .ifPresent(out::add);
        }
        if (kind.equals("workstation")) {
            directory
                    .findWorkstation(code)
                    .map(w -> w.headMemberCode())
                    .flatMap(head -> addressing.toMember(head, null, key + ":member:" + head, text, origin))
                    .ifPresent(out::add);
        }
        if (out.isEmpty()) {
            LOG.infof("event %s: %s %s could not be nudged (no reachable group or head)", e.code, kind, code);
        }
        return out;
    }

    private List<OutboundMessage> escalate(Event e, List<String[]> units, Instant now) {
        Origin origin = Origin.of("event", e.code);
        // the first unit claimed makes the key unique even if two instances escalate in the same millisecond
        String key =
                "event:" + e.code + ":escalate:" + now.toEpochMilli() + ":" + units.get(0)[0] + ":" + units.get(0)[1];
        List<OutboundMessage> out = new ArrayList<>();
        Optional<String> organizerGroup = opinionConfig.organizerGroup();
        if (organizerGroup.isPresent()) {
            List<String> names =
                    units.stream().map(u -> confirmations.name(u[0], u[1])).toList();
            directory
                    .findGroup(organizerGroup.get())
                    .flatMap(g -> addressing.toGroup(g, key, messages.confirmationEscalation(e, names), origin))
                    .ifPresent(out::add);
        } else {
            Map<String, List<String>> byWorkstation = new LinkedHashMap<>();
            for (String[] u : units) {
                confirmations
                        .workstationOf(u[0], u[1])
                        .ifPresent(w -> byWorkstation
                                .computeIfAbsent(w, k -> new ArrayList<>())
                                .add(confirmations.name(u[0], u[1])));
            }
            byWorkstation.forEach((w, names) -> {
                Notice text = messages.confirmationEscalation(e, names);
                for (GroupInfo g : directory.groupsBoundTo(List.of(), List.of(w), List.of())) {
                    addressing.toGroup(g, key + ":" + g.code(), text, origin).ifPresent(out::add);
                }
            });
        }
        if (out.isEmpty()) {
            LOG.infof(
                    "event %s: units not confirmed but no organizer group to tell (tongxin.opinion.organizer-group)",
                    e.code);
        }
        return out;
    }

    private void stamp(String column, long eventId, String kind, String code, Instant now) {
        em.createNativeQuery("update event_confirmation set " + column + " = ?1 where event_id = ?2 and unit_kind = ?3"
                        + " and unit_code = ?4")
                .setParameter(1, now)
                .setParameter(2, eventId)
                .setParameter(3, kind)
                .setParameter(4, code)
                .executeUpdate();
    }

    private int invitees(Instant now, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select event_id, member_code from event_invitee"
                        + " where rsvp = 'pending' and nudged_at is null"
                        + " and event_id in (select id from event where status = 'published' and kind = 'meeting'"
                        + " and published_at <= ?1) order by event_id, member_code limit ?2 for update skip locked")
                .setParameter(1, cutoff)
                .setParameter(2, config.followUpBatch())
                .getResultList();
        List<OutboundMessage> out = new ArrayList<>();
        Map<Long, Event> events = new HashMap<>();
        for (Object[] r : rows) {
            long eventId = ((Number) r[0]).longValue();
            String member = (String) r[1];
            Event e = events.computeIfAbsent(eventId, id -> Event.findById(id));
            addressing
                    .toMember(
                            member,
                            null,
                            "event:" + e.code + ":rsvp-nudge:" + member,
                            messages.rsvpNudge(e),
                            Origin.of("event", e.code))
                    .ifPresent(out::add);
            em.createNativeQuery("update event_invitee set nudged_at = ?1 where event_id = ?2 and member_code = ?3")
                    .setParameter(1, now)
                    .setParameter(2, eventId)
                    .setParameter(3, member)
                    .executeUpdate();
        }
        outbox.enqueueAll(out);
        return rows.size();
    }
}
