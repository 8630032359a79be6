package io.tongxin.report;

import io.tongxin.event.EventConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The event report's SQL: the events of the period with their counts in one query (correlated
 * counts on the event's keys), then per-community registrations, per-session check-ins and
 * certificates for those events only.
 */
@ApplicationScoped
class EventFigures {

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    @Inject
    EventConfig config;

    private record Head(
            long id,
            String code,
            String title,
            String kind,
            String status,
            java.time.Instant startsAt,
            long[] counts,
            int capacity) {}

    List<EventReport.Item> items(ReportPeriod period) {
        var start = period.start(zone);
        var end = period.end(zone);
        String inv = "(select count(*) from event_invitee i where i.event_id = e.id";
        String conf = "(select count(*) from event_confirmation f where f.event_id = e.id and f.unit_kind = ";
        String reg = "(select count(*) from event_registration r where r.event_id = e.id and r.status = ";
        List<Head> heads = Sql.query(
                dataSource,
                "select e.id, e.code, e.title, e.kind, e.status, e.capacity,"
                        + " coalesce((select min(s.starts_at) from event_session s where s.event_id = e.id),"
                        + " e.published_at),"
                        + " (select count(*) from event_delivery d where d.event_id = e.id),"
                        + " " + inv + "), " + inv + " and i.rsvp = 'attending'), " + inv + " and i.rsvp = 'leave'),"
                        + " " + inv + " and i.rsvp = 'pending'),"
                        + " " + conf + "'workstation' and f.confirmed_at is not null),"
                        + " " + conf + "'workstation' and f.confirmed_at is null),"
                        + " " + conf + "'community' and f.confirmed_at is not null),"
                        + " " + conf + "'community' and f.confirmed_at is null),"
                        + " " + reg + "'registered'), " + reg + "'waitlisted'), " + reg + "'cancelled')"
                        + " from event e where e.status <> 'draft' and ("
                        + " exists (select 1 from event_session s where s.event_id = e.id"
                        + " and s.starts_at >= ? and s.starts_at < ?)"
                        + " or (not exists (select 1 from event_session s where s.event_id = e.id)"
                        + " and e.published_at >= ? and e.published_at < ?))"
                        + " order by 7, e.code",
                List.of(start, end, start, end),
                rs -> {
                    long[] counts = new long[12];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = Sql.count(rs, 8 + i);
                    }
                    return new Head(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Sql.instant(rs, 7),
                            counts,
                            rs.getInt(6));
                });
        if (heads.isEmpty()) {
            return List.of();
        }
        List<Object> ids = heads.stream().map(h -> (Object) h.id()).toList();
        Map<Long, List<EventReport.Community>> communities = communities(ids);
        Map<Long, List<EventReport.Session>> sessions = sessions(ids);
        List<EventReport.Item> items = new ArrayList<>();
        for (Head h : heads) {
            long[] c = h.counts();
            List<EventReport.Session> ss = sessions.getOrDefault(h.id(), List.of());
            Long certificates = "class".equals(h.kind()) ? certificates(h.id(), ss) : null;
            items.add(new EventReport.Item(
                    h.code(),
                    h.title(),
                    h.kind(),
                    h.status(),
                    h.startsAt(),
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5],
                    c[6],
                    c[7],
                    c[8],
                    h.capacity(),
                    c[9],
                    c[10],
                    c[11],
                    communities.getOrDefault(h.id(), List.of()),
                    ss,
                    certificates));
        }
        return items;
    }

    /** Registered and waitlisted per community, with the quotas (a quota with no registrations too). */
    private Map<Long, List<EventReport.Community>> communities(List<Object> ids) {
        String in = Sql.marks(ids.size());
        List<Object> params = new ArrayList<>(ids);
        params.addAll(ids);
        Map<Long, List<EventReport.Community>> out = new HashMap<>();
        Sql.query(
                dataSource,
                "select x.event_id, x.community_code, max(c.name), max(q.places),"
                        + " sum(x.registered), sum(x.waitlisted) from ("
                        + " select r.event_id, r.community_code,"
                        + " sum(case when r.status = 'registered' then 1 else 0 end) registered,"
                        + " sum(case when r.status = 'waitlisted' then 1 else 0 end) waitlisted"
                        + " from event_registration r where r.event_id in (" + in + ")"
                        + " group by r.event_id, r.community_code"
                        + " union all select q.event_id, q.community_code, 0, 0 from event_quota q"
                        + " where q.event_id in (" + in + ")) x"
                        + " left join community c on c.code = x.community_code"
                        + " left join event_quota q on q.event_id = x.event_id and q.community_code = x.community_code"
                        + " group by x.event_id, x.community_code order by 1, 2 nulls last",
                params,
                rs -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new EventReport.Community(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getObject(4) == null ? null : rs.getInt(4),
                                Sql.count(rs, 5),
                                Sql.count(rs, 6))));
        return out;
    }

    private Map<Long, List<EventReport.Session>> sessions(List<Object> ids) {
        Map<Long, List<EventReport.Session>> out = new HashMap<>();
        Sql.query(
                dataSource,
                "select s.event_id, s.number, s.code, s.starts_at, s.status,"
                        + " (select count(*) from event_attendance a where a.session_id = s.id)"
                        + " from event_session s where s.event_id in (" + Sql.marks(ids.size()) + ")"
                        + " order by 1, 2",
                ids,
                rs -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new EventReport.Session(
                                rs.getInt(2), rs.getString(3), Sql.instant(rs, 4), rs.getString(5), Sql.count(rs, 6))));
        return out;
    }

    /**
     * Registrations (registered) that attended enough scheduled sessions for a certificate: the same
     * rule as {@code GET /api/events/{code}/certificates} ({@code tongxin.event.certificate-share}).
     */
    private long certificates(long eventId, List<EventReport.Session> sessions) {
        long scheduled =
                sessions.stream().filter(s -> "scheduled".equals(s.status())).count();
        if (scheduled == 0) {
            return 0;
        }
        int required = Math.max(1, (int) Math.ceil(scheduled * config.certificateShare() - 1e-9));
        return Sql.query(
                        dataSource,
                        "select count(*) from (select r.id from event_registration r"
                                + " join event_attendance a on a.registration_id = r.id"
                                + " join event_session s on s.id = a.session_id and s.status = 'scheduled'"
                                + " where r.event_id = ? and r.status = 'registered'"
                                + " group by r.id having count(*) >= ?) x",
                        List.of(eventId, required),
                        rs -> rs.getLong(1))
                .get(0);
    }
}
