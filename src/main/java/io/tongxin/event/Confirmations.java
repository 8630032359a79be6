package io.tongxin.event;

import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.directory.GroupInfo;
import io.tongxin.directory.MemberInfo;
import io.tongxin.directory.WorkstationInfo;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which workstations and councils (communities) confirmed that they passed an invitation on: by
 * chat ({@code 已转发 <event>} from the workstation's head, or from a group bound to the community or
 * workstation) or by an organizer through the API. A unit confirms once; later confirmations keep
 * the first. The nudges and the escalation of units that have not confirmed are {@link EventFollowUp}.
 */
@ApplicationScoped
public class Confirmations {

    /** Units are workstations or communities (their councils). */
    public static final List<String> UNIT_KINDS = List.of("workstation", "community");

    /** One unit expected to confirm. */
    public record Unit(
            String unitKind,
            String unitCode,
            String name,
            Instant confirmedAt,
            String confirmedBy,
            Instant nudgedAt,
            Instant escalatedAt) {}

    /** {@code GET /api/events/{code}/confirmations}: who confirmed, who not yet. */
    public record Listing(String eventCode, List<Unit> confirmed, List<Unit> pending) {}

    @Inject
    EntityManager em;

    @Inject
    Directory directory;

    @Inject
    Clock clock;

    @Transactional
    public Listing list(String code) {
        Event e = EventQueries.find(code);
        List<Unit> confirmed = new ArrayList<>();
        List<Unit> pending = new ArrayList<>();
        for (Unit u : units(e.id)) {
            (u.confirmedAt() != null ? confirmed : pending).add(u);
        }
        return new Listing(e.code, confirmed, pending);
    }

    /** An organizer records that a unit passed the invitation on. */
    @Transactional
    public Listing confirm(String code, String unitKind, String unitCode, String by) {
        String kind = unitKind == null ? null : unitKind.strip();
        if (kind == null || !UNIT_KINDS.contains(kind)) {
            throw DomainException.invalidField("unitKind", "must be workstation or community");
        }
        if (unitCode == null || unitCode.isBlank()) {
            throw DomainException.invalidField("unitCode", "required");
        }
        Event e = EventQueries.find(code);
        EventStates.require(e, "confirm", EventStatus.PUBLISHED, EventStatus.FINISHED);
        if (!hasUnit(e.id, kind, unitCode.strip())) {
            throw DomainException.invalidField(
                    "unitCode", kind + " '" + unitCode.strip() + "' did not receive event " + e.code);
        }
        mark(e.id, kind, unitCode.strip(), by);
        return list(code);
    }

    /**
     * What {@code 已转发 <event>} from a chat came to (the bot's {@link ConfirmForwarding} words it).
     *
     * @param units the names of the units the chat confirmed for (CONFIRMED)
     */
    record Forwarded(Answer answer, String eventTitle, EventStatus eventStatus, List<String> units) {

        enum Answer {
            CONFIRMED,
            NOT_A_UNIT,
            NOT_OPEN,
            NO_SUCH_EVENT
        }
    }

    /**
     * {@code 已转发 <event>} in chat, in the inbox transaction: confirms for the community or workstation
     * the group is bound to, and for the workstations {@code member} (the verified sender, if a member)
     * heads. Refusals are answers, never exceptions. {@code dryRun}: records nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Forwarded confirmInChat(
            String channelKey, String chatId, Optional<MemberInfo> member, String code, boolean dryRun) {
        Event e = Event.<Event>find("code", code).firstResult();
        if (e == null) {
            return new Forwarded(Forwarded.Answer.NO_SUCH_EVENT, null, null, List.of());
        }
        if (e.status != EventStatus.PUBLISHED && e.status != EventStatus.FINISHED) {
            return new Forwarded(Forwarded.Answer.NOT_OPEN, e.title, e.status, List.of());
        }
        Map<String, String> units = new LinkedHashMap<>(); // "kind:code" -> who confirms
        // who confirmed, without the sender's platform id (a WeCom user id is often a mobile number)
        String who = "chat";
        if (chatId != null) {
            Optional<GroupInfo> g = directory.findGroupByChat(channelKey, chatId);
            if (g.isPresent() && g.get().communityCode() != null) {
                units.put(
                        "community:" + g.get().communityCode(),
                        who + " in group " + g.get().code());
            }
            if (g.isPresent() && g.get().workstationCode() != null) {
                units.put(
                        "workstation:" + g.get().workstationCode(),
                        who + " in group " + g.get().code());
            }
        }
        if (member.isPresent()) {
            for (Unit u : units(e.id)) {
                if (u.unitKind().equals("workstation")
                        && directory
                                .findWorkstation(u.unitCode())
                                .map(WorkstationInfo::headMemberCode)
                                .filter(member.get().code()::equals)
                                .isPresent()) {
                    units.put(
                            "workstation:" + u.unitCode(),
                            "member:" + member.get().code());
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> u : units.entrySet()) {
            String[] kc = u.getKey().split(":", 2);
            if (hasUnit(e.id, kc[0], kc[1])) {
                if (!dryRun) {
                    mark(e.id, kc[0], kc[1], u.getValue());
                }
                names.add(name(kc[0], kc[1]));
            }
        }
        return new Forwarded(
                names.isEmpty() ? Forwarded.Answer.NOT_A_UNIT : Forwarded.Answer.CONFIRMED,
                e.title,
                e.status,
                List.copyOf(names));
    }

    /** A unit's name for people: the council's (or community's) name, or the workstation's. */
    String name(String kind, String code) {
        if (kind.equals("community")) {
            return directory
                    .findCommunity(code)
                    .map(c -> c.councilName() != null ? c.councilName() : c.name())
                    .orElse(code);
        }
        return directory.findWorkstation(code).map(WorkstationInfo::name).orElse(code);
    }

    /** The workstation a unit answers to (itself, or a community's workstation), if any. */
    Optional<String> workstationOf(String kind, String code) {
        return kind.equals("workstation")
                ? Optional.of(code)
                : directory.findCommunity(code).map(CommunityInfo::workstationCode);
    }

    private List<Unit> units(long eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select unit_kind, unit_code, confirmed_at, confirmed_by, nudged_at,"
                                + " escalated_at from event_confirmation where event_id = ?1 order by unit_kind desc, unit_code")
                .setParameter(1, eventId)
                .getResultList();
        List<Unit> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            String kind = (String) r[0];
            String code = (String) r[1];
            out.add(new Unit(kind, code, name(kind, code), instant(r[2]), (String) r[3], instant(r[4]), instant(r[5])));
        }
        return out;
    }

    private boolean hasUnit(long eventId, String kind, String code) {
        return !em.createNativeQuery(
                        "select 1 from event_confirmation where event_id = ?1 and unit_kind = ?2 and unit_code = ?3")
                .setParameter(1, eventId)
                .setParameter(2, kind)
                .setParameter(3, code)
                .getResultList()
                .isEmpty();
    }

    private void mark(long eventId, String kind, String code, String by) {
        em.createNativeQuery("update event_confirmation set confirmed_at = ?1, confirmed_by = ?2 where event_id = ?3"
                        + " and unit_kind = ?4 and unit_code = ?5 and confirmed_at is null")
                .setParameter(1, clock.instant())
                .setParameter(2, by == null ? null : by.length() > 200 ? by.substring(0, 200) : by)
                .setParameter(3, eventId)
                .setParameter(4, kind)
                .setParameter(5, code)
                .executeUpdate();
    }

    static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return (Instant) v;
    }
}
