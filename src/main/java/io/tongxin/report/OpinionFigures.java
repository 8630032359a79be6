package io.tongxin.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The opinion report's SQL: one aggregate over the opinions filed in the period (an index range on
 * {@code created_at}), grouped in the database. docs/reports.md is the contract for every expression.
 */
@ApplicationScoped
class OpinionFigures {

    /** Still being handled: not resolved, closed, rejected or merged. */
    static final String OPEN = "o.status in ('received', 'assigned', 'acknowledged', 'in_progress')";

    static final String RESOLVED = "o.status in ('resolved', 'closed')";

    @Inject
    DataSource dataSource;

    @Inject
    ZoneId zone;

    /**
     * The figures of each opinion: counts (1 or 0) and, for the averages, a sum and a count, so that a
     * group's figures are sums of its parts ({@code f0} .. {@code f13}).
     */
    private static final String FIGURES = " count(*) as f0,"
            + " sum(case when o.assigned_at is not null then 1 else 0 end) as f1,"
            + " sum(case when o.assigned_at is not null and o.acknowledged_at is not null"
            + " and o.acknowledged_at <= o.ack_due_at then 1 else 0 end) as f2,"
            + " sum(case when " + RESOLVED + " then 1 else 0 end) as f3,"
            + " sum(case when o.satisfaction is not null then 1 else 0 end) as f4,"
            + " sum(case when o.satisfaction >= 4 then 1 else 0 end) as f5,"
            + " sum(case when o.assigned_at is not null and o.acknowledged_at is not null"
            + " then extract(epoch from o.acknowledged_at) - extract(epoch from o.assigned_at) end) as f6,"
            + " sum(case when o.assigned_at is not null and o.acknowledged_at is not null then 1 else 0 end) as f7,"
            + " sum(case when " + RESOLVED + " and o.resolved_at is not null"
            + " then extract(epoch from o.resolved_at) - extract(epoch from o.created_at) end) as f8,"
            + " sum(case when " + RESOLVED + " and o.resolved_at is not null then 1 else 0 end) as f9,"
            + " sum(case when " + OPEN + " then 1 else 0 end) as f10,"
            + " sum(case when (o.status in ('received', 'assigned') and o.ack_due_at < ?)"
            + " or (o.status in ('acknowledged', 'in_progress') and o.resolve_due_at < ?) then 1 else 0 end) as f11,"
            + " sum(case when o.upward is not null then 1 else 0 end) as f12,"
            + " sum(case when o.upward = 'adopted' then 1 else 0 end) as f13";

    /** The item's columns from the per-part sums of {@link #FIGURES} in {@code a}. */
    private static final String SUMS = " sum(a.f0), sum(a.f1), sum(a.f2), sum(a.f3), sum(a.f4), sum(a.f5),"
            + " sum(a.f6) / nullif(sum(a.f7), 0), sum(a.f8) / nullif(sum(a.f9), 0), sum(a.f10), sum(a.f11),"
            + " sum(a.f12), sum(a.f13)";

    /** The groups of the cohort; {@code member} non-null restricts it to that member's opinions. */
    List<OpinionReport.Item> items(ReportPeriod period, Grouping by, String member, Instant now) {
        List<Object> params = new ArrayList<>(List.of(now, now, period.start(zone), period.end(zone)));
        if (member != null) {
            params.add(member);
        }
        return Sql.query(dataSource, sql(by, member != null), params, OpinionFigures::item);
    }

    /**
     * The query of {@link #items}; parameters: now, now, the period's start and end, and the member
     * when {@code scoped}.
     */
    static String sql(Grouping by, boolean scoped) {
        // The opinions are aggregated by one of their own columns first (a hash aggregate over the
        // created_at range); names, and a member's sector, are joined to the few groups afterwards,
        // never to each opinion.
        String part; // the opinion column the inner aggregate groups by
        // a name kept on the opinion, for a member or a category deleted since
        String fallback = "cast(null as varchar(200))";
        String key;
        String name;
        String joins;
        switch (by) {
            case OVERALL -> {
                part = null;
                key = "'overall'";
                name = "'overall'";
                joins = "";
            }
            case MEMBER -> {
                part = "o.assignee_code";
                fallback = "max(o.assignee_name)";
                key = "a.k";
                name = "max(coalesce(m.name, a.fallback))";
                joins = " left join member m on m.code = a.k";
            }
            case WORKSTATION -> {
                part = "o.workstation_code";
                key = "a.k";
                name = "max(w.name)";
                joins = " left join workstation w on w.code = a.k";
            }
            case COMMUNITY -> {
                part = "o.community_code";
                key = "a.k";
                name = "max(c.name)";
                joins = " left join community c on c.code = a.k";
            }
            case SECTOR -> {
                part = "o.assignee_code";
                key = "m.sector_code";
                name = "max(s.name)";
                joins = " left join member m on m.code = a.k left join sector s on s.code = m.sector_code";
            }
            case CATEGORY -> {
                part = "o.category_code";
                fallback = "max(o.category_name)";
                key = "a.k";
                name = "max(coalesce(d.name, a.fallback))";
                joins = " left join dictionary_category d on d.code = a.k";
            }
            default -> throw new IllegalArgumentException(by.name());
        }
        String cohort = " from opinion o where o.created_at >= ? and o.created_at < ?"
                + (scoped ? " and o.assignee_code = ?" : "");
        if (part == null) {
            // overall: one aggregate row even when nothing was filed
            return "select " + key + ", " + name + "," + SUMS + " from (select" + FIGURES + cohort + ") a";
        }
        return "select " + key + " as k, " + name + " as n," + SUMS + " from (select " + part + " as k, " + fallback
                + " as fallback," + FIGURES + cohort + " group by " + part + ") a" + joins + " group by " + key
                + " order by 1 nulls last";
    }

    /** A member's name and sector, for the empty row of a member with no opinions in the period. */
    OpinionReport.Item emptyMember(String member) {
        List<String> names =
                Sql.query(dataSource, "select name from member where code = ?", List.of(member), rs -> rs.getString(1));
        return new OpinionReport.Item(
                member,
                names.isEmpty() ? null : names.get(0),
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                0,
                0,
                0,
                0);
    }

    /** Filed and resolved per week (Monday in the zone), cut to the period. */
    List<WeekPoint> weekly(ReportPeriod period, String member) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate d = period.from().with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                !d.isAfter(period.to());
                d = d.plusWeeks(1)) {
            starts.add(d);
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        String scope = member == null ? "" : " and o.assignee_code = ?";
        for (int i = 0; i < starts.size(); i++) {
            LocalDate s = starts.get(i).isBefore(period.from()) ? period.from() : starts.get(i);
            LocalDate e = starts.get(i).plusWeeks(1).isAfter(period.to().plusDays(1))
                    ? period.to().plusDays(1)
                    : starts.get(i).plusWeeks(1);
            Instant from = s.atStartOfDay(zone).toInstant();
            Instant to = e.atStartOfDay(zone).toInstant();
            if (i > 0) {
                sql.append(" union all ");
            }
            sql.append("select ")
                    .append(i)
                    .append(", (select count(*) from opinion o where o.created_at >= ? and o.created_at < ?")
                    .append(scope)
                    .append("), (select count(*) from opinion o where o.resolved_at >= ? and o.resolved_at < ? and ")
                    .append(RESOLVED)
                    .append(scope)
                    .append(")");
            params.add(from);
            params.add(to);
            if (member != null) {
                params.add(member);
            }
            params.add(from);
            params.add(to);
            if (member != null) {
                params.add(member);
            }
        }
        sql.append(" order by 1");
        return Sql.query(
                dataSource,
                sql.toString(),
                params,
                rs -> new WeekPoint(starts.get(rs.getInt(1)), Sql.count(rs, 2), Sql.count(rs, 3)));
    }

    /** A row: key, name, filed .. satisfied, the two averages (seconds), backlog .. adopted. */
    private static OpinionReport.Item item(ResultSet rs) throws SQLException {
        Double ackSeconds = Sql.dbl(rs, 9);
        Double resolveSeconds = Sql.dbl(rs, 10);
        long assigned = Sql.count(rs, 4);
        long inTime = Sql.count(rs, 5);
        long resolved = Sql.count(rs, 6);
        long rated = Sql.count(rs, 7);
        long satisfied = Sql.count(rs, 8);
        return new OpinionReport.Item(
                rs.getString(1),
                rs.getString(2),
                Sql.count(rs, 3),
                assigned,
                inTime,
                resolved,
                rated,
                satisfied,
                Sql.rate(inTime, assigned),
                Sql.rate(resolved, assigned),
                Sql.rate(satisfied, rated),
                ackSeconds == null ? null : ackSeconds / 3600,
                resolveSeconds == null ? null : resolveSeconds / 3600,
                Sql.count(rs, 11),
                Sql.count(rs, 12),
                Sql.count(rs, 13),
                Sql.count(rs, 14));
    }
}
