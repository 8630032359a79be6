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

    /** The groups of the cohort; {@code member} non-null restricts it to that member's opinions. */
    List<OpinionReport.Item> items(ReportPeriod period, Grouping by, String member, Instant now) {
        String key;
        String name;
        String joins = "";
        switch (by) {
            case OVERALL -> {
                key = "'overall'";
                name = "'overall'";
            }
            case MEMBER -> {
                key = "o.assignee_code";
                name = "max(coalesce(m.name, o.assignee_name))";
                joins = " left join member m on m.code = o.assignee_code";
            }
            case WORKSTATION -> {
                key = "o.workstation_code";
                name = "max(w.name)";
                joins = " left join workstation w on w.code = o.workstation_code";
            }
            case COMMUNITY -> {
                key = "o.community_code";
                name = "max(c.name)";
                joins = " left join community c on c.code = o.community_code";
            }
            case SECTOR -> {
                key = "m.sector_code";
                name = "max(s.name)";
                joins = " left join member m on m.code = o.assignee_code left join sector s on s.code = m.sector_code";
            }
            case CATEGORY -> {
                key = "o.category_code";
                name = "max(coalesce(d.name, o.category_name))";
                joins = " left join dictionary_category d on d.code = o.category_code";
            }
            default -> throw new IllegalArgumentException(by.name());
        }
        List<Object> params = new ArrayList<>(List.of(now, now, period.start(zone), period.end(zone)));
        String sql = "select " + key + " as k, " + name + " as n, count(*),"
                + " sum(case when o.assigned_at is not null then 1 else 0 end),"
                + " sum(case when o.assigned_at is not null and o.acknowledged_at is not null"
                + " and o.acknowledged_at <= o.ack_due_at then 1 else 0 end),"
                + " sum(case when " + RESOLVED + " then 1 else 0 end),"
                + " sum(case when o.satisfaction is not null then 1 else 0 end),"
                + " sum(case when o.satisfaction >= 4 then 1 else 0 end),"
                + " avg(case when o.assigned_at is not null and o.acknowledged_at is not null"
                + " then extract(epoch from o.acknowledged_at) - extract(epoch from o.assigned_at) end),"
                + " avg(case when " + RESOLVED + " and o.resolved_at is not null"
                + " then extract(epoch from o.resolved_at) - extract(epoch from o.created_at) end),"
                + " sum(case when " + OPEN + " then 1 else 0 end),"
                + " sum(case when (o.status in ('received', 'assigned') and o.ack_due_at < ?)"
                + " or (o.status in ('acknowledged', 'in_progress') and o.resolve_due_at < ?) then 1 else 0 end),"
                + " sum(case when o.upward is not null then 1 else 0 end),"
                + " sum(case when o.upward = 'adopted' then 1 else 0 end)"
                + " from opinion o" + joins
                + " where o.created_at >= ? and o.created_at < ?";
        if (member != null) {
            sql += " and o.assignee_code = ?";
            params.add(member);
        }
        if (by != Grouping.OVERALL) {
            // overall: one aggregate row even when nothing was filed
            sql += " group by " + key + " order by 1 nulls last";
        }
        return Sql.query(dataSource, sql, params, OpinionFigures::item);
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

    private static OpinionReport.Item item(ResultSet rs) throws SQLException {
        long assigned = Sql.count(rs, 4);
        long inTime = Sql.count(rs, 5);
        long resolved = Sql.count(rs, 6);
        long rated = Sql.count(rs, 7);
        long satisfied = Sql.count(rs, 8);
        Double ackSeconds = Sql.dbl(rs, 9);
        Double resolveSeconds = Sql.dbl(rs, 10);
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
