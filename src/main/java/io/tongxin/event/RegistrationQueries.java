package io.tongxin.event;

import io.tongxin.directory.CommunityInfo;
import io.tongxin.directory.Directory;
import io.tongxin.shared.DomainException;
import io.tongxin.shared.ListResult;
import io.tongxin.shared.Paging;
import io.tongxin.shared.Phones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reading registrations: an event's list and counts, one registration, a chat user's own. */
@ApplicationScoped
@Transactional
public class RegistrationQueries {

    /** List filters; null = any. {@code status} is a wire name ({@code registered|waitlisted|cancelled}). */
    public record Filter(String status, String communityCode) {}

    /** A chat user's registration, for {@code 我的报名}. */
    public record Own(String eventCode, String eventTitle, String code, String participantName, String status) {}

    @Inject
    AttendanceRecords attendance;

    @Inject
    Directory directory;

    public ListResult<RegistrationView> list(String eventCode, Filter filter, Paging paging) {
        Event event = event(eventCode);
        StringBuilder where = new StringBuilder("eventId = :e");
        Map<String, Object> params = new HashMap<>();
        params.put("e", event.id);
        if (filter.status() != null) {
            try {
                params.put("s", RegistrationStatus.fromWire(filter.status()));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalidField("status", "must be registered, waitlisted or cancelled");
            }
            where.append(" and status = :s");
        }
        if (filter.communityCode() != null) {
            params.put("c", filter.communityCode());
            where.append(" and communityCode = :c");
        }
        long total = Registration.count(where.toString(), params);
        List<Registration> page = Registration.<Registration>find(where + " order by id", params)
                .range((int) paging.offset(), (int) paging.offset() + paging.size() - 1)
                .list();
        Map<Long, List<Integer>> attended =
                attendance.sessionsAttended(page.stream().map(r -> r.id).toList());
        return new ListResult<>(
                page.stream()
                        .map(r -> RegistrationView.of(r, event.code, attended.getOrDefault(r.id, List.of())))
                        .toList(),
                total);
    }

    public RegistrationView get(String eventCode, String registrationCode) {
        Event event = event(eventCode);
        Registration r = RegistrationService.registration(event, registrationCode);
        return RegistrationView.of(r, event.code, attendance.sessionsAttended(r.id));
    }

    public RegistrationSummary summary(String eventCode) {
        Event event = event(eventCode);
        Map<String, long[]> per = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        event.quotas.keySet().forEach(c -> per.put(c, new long[3]));
        long[] all = new long[3];
        for (Object[] row : Registration.getEntityManager()
                .createQuery(
                        "select r.communityCode, r.status, count(r) from Registration r where r.eventId = :e"
                                + " group by r.communityCode, r.status",
                        Object[].class)
                .setParameter("e", event.id)
                .getResultList()) {
            int i = ((RegistrationStatus) row[1]).ordinal();
            long n = (Long) row[2];
            all[i] += n;
            per.computeIfAbsent((String) row[0], k -> new long[3])[i] += n;
        }
        List<RegistrationSummary.Community> communities = new ArrayList<>();
        per.forEach((code, n) -> {
            Integer quota = code == null ? null : event.quotas.get(code);
            String name = code == null
                    ? null
                    : directory.findCommunity(code).map(CommunityInfo::name).orElse(null);
            communities.add(new RegistrationSummary.Community(
                    code, name, quota, n[0], n[1], quota == null ? null : Math.max(0, quota - n[0])));
        });
        Long available = event.capacity == 0 ? null : Math.max(0, event.capacity - all[0]);
        return new RegistrationSummary(event.code, event.capacity, all[0], all[1], all[2], available, communities);
    }

    /** The registrations signed up from this chat identity, newest first (at most {@code limit}). */
    public List<Own> own(String channelKey, String userId, int limit) {
        List<Registration> mine = Registration.<Registration>find(
                        "channelKey = ?1 and userId = ?2 order by id desc", channelKey, userId)
                .page(0, limit)
                .list();
        Map<Long, Event> events = new HashMap<>();
        return mine.stream()
                .map(r -> {
                    Event e = events.computeIfAbsent(r.eventId, id -> Event.findById(id));
                    return new Own(e.code, e.title, r.code, Phones.maskText(r.participantName), r.status.wire());
                })
                .toList();
    }

    /**
     * The sender's live registration with this code, as {@link RegistrationService#cancelOwn} would
     * find it (the bot's playground shows what a cancellation would do).
     */
    public java.util.Optional<RegistrationView> ownLive(String channelKey, String userId, String registrationCode) {
        return Registration.<Registration>find(
                        "channelKey = ?1 and userId = ?2 and code = ?3 and status <> ?4 order by id desc",
                        channelKey,
                        userId,
                        registrationCode,
                        RegistrationStatus.CANCELLED)
                .<Registration>firstResultOptional()
                .map(r -> {
                    Event e = Event.findById(r.eventId);
                    return RegistrationView.of(r, e.code, attendance.sessionsAttended(r.id));
                });
    }

    /**
     * The live registrations with this code in events that are published, to find which event a bare
     * {@code 签到 <code>} means.
     */
    public List<String> eventsWithLiveCode(String registrationCode) {
        return Registration.getEntityManager()
                .createQuery(
                        "select e.code from Registration r, Event e where e.id = r.eventId and r.code = :c"
                                + " and r.status <> :x and e.status = :p order by e.id",
                        String.class)
                .setParameter("c", registrationCode.toUpperCase(Locale.ROOT))
                .setParameter("x", RegistrationStatus.CANCELLED)
                .setParameter("p", EventStatus.PUBLISHED)
                .getResultList();
    }

    static Event event(String code) {
        Event e = code == null ? null : Event.find("code", code).firstResult();
        if (e == null) {
            throw DomainException.notFound("event", code);
        }
        return e;
    }
}
