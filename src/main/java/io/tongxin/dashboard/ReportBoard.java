package io.tongxin.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateData;
import io.tongxin.report.DeliveryReport;
import io.tongxin.report.EventReport;
import io.tongxin.report.Grouping;
import io.tongxin.report.OpinionReport;
import io.tongxin.report.ReportPeriod;
import io.tongxin.report.Reports;
import io.tongxin.report.WeekPoint;
import io.tongxin.security.Caller;
import io.tongxin.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages built on the reports: every number comes from {@link Reports}, the same calls (and so the
 * same SQL and access rules) as {@code GET /api/reports/...}, for the same period. The raw value of
 * each number is written next to its text ({@code data-value}), as the API's JSON has it.
 */
@ApplicationScoped
@TemplateData(target = EventReport.Community.class)
@TemplateData(target = WeekPoint.class)
public class ReportBoard {

    /** Weeks the overview's trend covers, ending with the period's last week. */
    static final int TREND_WEEKS = 12;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    /** One number on a page: {@code id} names it for the browser test ({@code data-testid}). */
    @TemplateData
    public record Figure(String id, String label, String text, String value, boolean warn) {}

    @TemplateData
    public record Preset(String label, String from, String to, boolean on) {}

    /** The period form on every report page. */
    @TemplateData
    public record PeriodView(String action, String from, String to, List<Preset> presets) {}

    @TemplateData
    public record Overview(
            PeriodView period,
            List<Figure> gauges,
            List<Figure> figures,
            String trendFrom,
            String trendTo,
            String trendJson,
            List<WeekPoint> trend) {}

    @TemplateData
    public record Column(String key, String label, String link, boolean sorted, boolean numeric) {}

    @TemplateData
    public record TableRow(String key, String name, boolean overdue, List<Figure> cells) {}

    @TemplateData
    public record Table(String title, String by, PeriodView period, List<Column> columns, List<TableRow> rows) {}

    @TemplateData
    public record EventCard(
            String code,
            String title,
            String kind,
            String status,
            String startsAt,
            List<Figure> figures,
            List<EventReport.Community> communities,
            String communityJson,
            List<SessionRow> sessions) {}

    /** One session's check-ins. */
    @TemplateData
    public record SessionRow(int number, String startsAt, String status, Figure attended) {}

    @TemplateData
    public record Events(PeriodView period, List<EventCard> events) {}

    @TemplateData
    public record DeliveryRow(String key, String name, String type, List<Figure> cells) {}

    @TemplateData
    public record Delivery(PeriodView period, List<DeliveryRow> rows, String chartJson) {}

    @TemplateData
    public record Bulletin(
            String month,
            String title,
            String from,
            String to,
            List<Figure> boxes,
            List<String> paragraphs,
            List<TableRow> workstations,
            List<Column> columns,
            String previous,
            String next) {}

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @Inject
    ZoneId zone;

    @Inject
    ObjectMapper json;

    /** The period from the form's {@code from}/{@code to}, as the API reads them (default: this month). */
    public ReportPeriod period(String from, String to) {
        return ReportPeriod.parse(from, to, reports.today());
    }

    public Overview overview(ReportPeriod p) {
        OpinionReport.Item all =
                reports.opinions(p, Grouping.OVERALL, caller).items().get(0);
        List<Figure> gauges = List.of(
                rate("response-rate", "响应率（时限内受理）", all.responseRate()),
                rate("resolution-rate", "办结率", all.resolutionRate()),
                rate("satisfaction-rate", "满意率（4–5 分）", all.satisfactionRate()));
        List<Figure> figures = List.of(
                count("filed", "收到意见", all.filed(), false),
                count("assigned", "已分派", all.assigned(), false),
                count("resolved", "已办结", all.resolved(), false),
                count("backlog", "积压（未办结）", all.backlog(), false),
                count("overdue", "超期", all.overdue(), all.overdue() > 0),
                hours("avg-ack-hours", "平均受理用时（小时）", all.avgAckHours()),
                hours("avg-resolve-hours", "平均办结用时（小时）", all.avgResolveHours()),
                count("reported-upward", "上报社情民意", all.reportedUpward(), false),
                count("adopted", "被采用", all.adopted(), false));
        ReportPeriod trendPeriod = trendOf(p);
        List<WeekPoint> trend = reports.weekly(trendPeriod, caller);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", trend.stream().map(w -> DAY.format(w.weekStart())).toList());
        chart.put(
                "series",
                List.of(
                        DashboardLabels.series(
                                "收到",
                                "line",
                                trend.stream().map(WeekPoint::filed).toList()),
                        DashboardLabels.series(
                                "办结",
                                "line",
                                trend.stream().map(WeekPoint::resolved).toList())));
        return new Overview(
                periodView(p, "/dashboard"),
                gauges,
                figures,
                trendPeriod.from().toString(),
                trendPeriod.to().toString(),
                toJson(chart),
                trend);
    }

    /** The {@value #TREND_WEEKS} weeks (Monday to Sunday) up to the period's last day. */
    static ReportPeriod trendOf(ReportPeriod p) {
        LocalDate monday = p.to().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportPeriod(monday.minusWeeks(TREND_WEEKS - 1), p.to());
    }

    private static final List<String[]> OPINION_COLUMNS = List.of(
            new String[] {"name", "名称"},
            new String[] {"filed", "收到"},
            new String[] {"assigned", "分派"},
            new String[] {"acknowledgedInTime", "按时受理"},
            new String[] {"resolved", "办结"},
            new String[] {"responseRate", "响应率"},
            new String[] {"resolutionRate", "办结率"},
            new String[] {"satisfactionRate", "满意率"},
            new String[] {"avgAckHours", "受理用时(时)"},
            new String[] {"avgResolveHours", "办结用时(时)"},
            new String[] {"backlog", "积压"},
            new String[] {"overdue", "超期"});

    /** Per workstation or per member, sorted by a column ({@code sort}, {@code dir}); default most overdue first. */
    public Table table(ReportPeriod p, Grouping by, String sort, String dir) {
        String key = sort == null || sort.isBlank() ? "overdue" : sort;
        if (OPINION_COLUMNS.stream().noneMatch(c -> c[0].equals(key))) {
            throw DomainException.invalidField("sort", "unknown column '" + sort + "'");
        }
        boolean ascending;
        if (dir == null || dir.isBlank()) {
            ascending = key.equals("name");
        } else if (dir.equals("asc") || dir.equals("desc")) {
            ascending = dir.equals("asc");
        } else {
            throw DomainException.invalidField("dir", "must be asc or desc");
        }
        List<OpinionReport.Item> items =
                new ArrayList<>(reports.opinions(p, by, caller).items());
        Comparator<OpinionReport.Item> order = TableSort.by(key);
        order = ascending ? order : order.reversed();
        items.sort(order.thenComparing(i -> i.name() == null ? "" : i.name()));
        String page = by == Grouping.MEMBER ? "/dashboard/members" : "/dashboard/workstations";
        List<Column> columns = new ArrayList<>();
        for (String[] c : OPINION_COLUMNS) {
            boolean on = c[0].equals(key);
            String nextDir = on ? (ascending ? "desc" : "asc") : (c[0].equals("name") ? "asc" : "desc");
            columns.add(new Column(
                    c[0],
                    c[1] + (on ? (ascending ? " ▲" : " ▼") : ""),
                    page + "?from=" + p.from() + "&to=" + p.to() + "&sort=" + c[0] + "&dir=" + nextDir,
                    on,
                    !c[0].equals("name")));
        }
        List<TableRow> rows = items.stream().map(ReportBoard::row).toList();
        return new Table(by == Grouping.MEMBER ? "委员办理情况" : "工作站办理情况", by.wire(), periodView(p, page), columns, rows);
    }

    private static TableRow row(OpinionReport.Item i) {
        String name = i.name() == null || i.name().isBlank() ? (i.key() == null ? "（未指定）" : i.key()) : i.name();
        return new TableRow(
                i.key() == null ? "" : i.key(),
                name,
                i.overdue() > 0,
                List.of(
                        count("filed", "收到", i.filed(), false),
                        count("assigned", "分派", i.assigned(), false),
                        count("acknowledgedInTime", "按时受理", i.acknowledgedInTime(), false),
                        count("resolved", "办结", i.resolved(), false),
                        rate("responseRate", "响应率", i.responseRate()),
                        rate("resolutionRate", "办结率", i.resolutionRate()),
                        rate("satisfactionRate", "满意率", i.satisfactionRate()),
                        hours("avgAckHours", "受理用时", i.avgAckHours()),
                        hours("avgResolveHours", "办结用时", i.avgResolveHours()),
                        count("backlog", "积压", i.backlog(), false),
                        count("overdue", "超期", i.overdue(), i.overdue() > 0)));
    }

    public Events events(ReportPeriod p) {
        EventReport r = reports.events(p, caller);
        List<EventCard> cards = new ArrayList<>();
        for (EventReport.Item e : r.items()) {
            List<Figure> figures = new ArrayList<>(List.of(
                    count("invitationsSent", "发出邀请", e.invitationsSent(), false),
                    count("membersInvited", "邀请委员", e.membersInvited(), false),
                    count("membersAttending", "确认参加", e.membersAttending(), false),
                    count("membersOnLeave", "请假", e.membersOnLeave(), false),
                    count("membersPending", "未答复", e.membersPending(), e.membersPending() > 0),
                    count("workstationsConfirmed", "工作站已确认", e.workstationsConfirmed(), false),
                    count("workstationsNotConfirmed", "工作站未确认", e.workstationsNotConfirmed(), false),
                    count("councilsConfirmed", "议事会已确认", e.councilsConfirmed(), false),
                    count("councilsNotConfirmed", "议事会未确认", e.councilsNotConfirmed(), false),
                    count("capacity", "名额", e.capacity(), false),
                    count("registered", "已报名", e.registered(), false),
                    count("waitlisted", "候补", e.waitlisted(), false),
                    count("cancelled", "已取消", e.cancelled(), false),
                    count(
                            "attended",
                            "签到人次",
                            e.sessions().stream()
                                    .mapToLong(EventReport.Session::attended)
                                    .sum(),
                            false)));
            if (e.certificates() != null) {
                figures.add(count("certificates", "可发结业证书", e.certificates(), false));
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put(
                    "labels",
                    e.communities().stream()
                            .map(c -> c.name() != null ? c.name() : c.code() != null ? c.code() : "未填社区")
                            .toList());
            chart.put(
                    "series",
                    List.of(
                            DashboardLabels.series(
                                    "已报名",
                                    "bar",
                                    e.communities().stream()
                                            .map(EventReport.Community::registered)
                                            .toList()),
                            DashboardLabels.series(
                                    "候补",
                                    "bar",
                                    e.communities().stream()
                                            .map(EventReport.Community::waitlisted)
                                            .toList()),
                            DashboardLabels.series(
                                    "名额",
                                    "bar",
                                    e.communities().stream()
                                            .map(EventReport.Community::quota)
                                            .toList())));
            cards.add(new EventCard(
                    e.code(),
                    e.title(),
                    DashboardLabels.kind(e.kind()),
                    DashboardLabels.eventStatus(e.status()),
                    Numbers.minute(e.startsAt(), zone),
                    figures,
                    e.communities(),
                    toJson(chart),
                    e.sessions().stream()
                            .map(x -> new SessionRow(
                                    x.number(),
                                    Numbers.minute(x.startsAt(), zone),
                                    "cancelled".equals(x.status()) ? "已取消" : "正常",
                                    count("attended", "签到", x.attended(), false)))
                            .toList()));
        }
        return new Events(periodView(p, "/dashboard/events"), cards);
    }

    public Delivery delivery(ReportPeriod p) {
        DeliveryReport r = reports.delivery(p, caller);
        List<DeliveryRow> rows = r.items().stream()
                .map(i -> new DeliveryRow(
                        i.key(),
                        i.name() == null ? i.key() : i.name(),
                        i.type() == null ? "" : i.type(),
                        List.of(
                                count("total", "消息总数", i.total(), false),
                                count("sent", "已送达", i.sent(), false),
                                count("dead", "失败", i.dead(), i.dead() > 0),
                                count("pending", "待发送", i.pending(), false),
                                count("retried", "重试过", i.retried(), false),
                                seconds("medianDelaySeconds", "延迟中位数(秒)", i.medianDelaySeconds()),
                                seconds("p95DelaySeconds", "延迟P95(秒)", i.p95DelaySeconds()))))
                .toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", rows.stream().map(DeliveryRow::name).toList());
        chart.put(
                "series",
                List.of(
                        DashboardLabels.series(
                                "已送达",
                                "bar",
                                r.items().stream()
                                        .map(DeliveryReport.Item::sent)
                                        .toList()),
                        DashboardLabels.series(
                                "失败",
                                "bar",
                                r.items().stream()
                                        .map(DeliveryReport.Item::dead)
                                        .toList()),
                        DashboardLabels.series(
                                "待发送",
                                "bar",
                                r.items().stream()
                                        .map(DeliveryReport.Item::pending)
                                        .toList())));
        return new Delivery(periodView(p, "/dashboard/delivery"), rows, toJson(chart));
    }

    /** The month ({@code yyyy-MM}; default: this month) a bulletin covers. */
    public YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.from(reports.today());
        }
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField("month", "must be a month such as 2026-11, not '" + month + "'");
        }
    }

    public Bulletin bulletin(YearMonth m) {
        ReportPeriod p = new ReportPeriod(m.atDay(1), m.atEndOfMonth());
        OpinionReport.Item all =
                reports.opinions(p, Grouping.OVERALL, caller).items().get(0);
        EventReport events = reports.events(p, caller);
        long registered =
                events.items().stream().mapToLong(EventReport.Item::registered).sum();
        long attended = events.items().stream()
                .flatMap(e -> e.sessions().stream())
                .mapToLong(EventReport.Session::attended)
                .sum();
        List<Figure> boxes = List.of(
                count("filed", "收到群众反映（条）", all.filed(), false),
                count("resolved", "办结（条）", all.resolved(), false),
                rate("response-rate", "响应率", all.responseRate()),
                rate("resolution-rate", "办结率", all.resolutionRate()),
                rate("satisfaction-rate", "满意率", all.satisfactionRate()),
                count("reported-upward", "上报社情民意（条）", all.reportedUpward(), false),
                count("adopted", "被采用（条）", all.adopted(), false),
                count("events", "协商议事与公益活动（场）", events.items().size(), false),
                count("registered", "群众报名（人）", registered, false),
                count("attended", "签到（人次）", attended, false),
                count("backlog", "在办（条）", all.backlog(), false),
                count("overdue", "超期（条）", all.overdue(), all.overdue() > 0));
        String title = m.getYear() + "年" + m.getMonthValue() + "月";
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(title + "，委员通过“同心”联系服务群众，共收到群众反映的意见建议" + all.filed() + "条，已分派委员"
                + all.assigned() + "条，其中" + all.acknowledgedInTime() + "条在时限内受理，响应率"
                + Numbers.percent(all.responseRate()) + "；办结" + all.resolved() + "条，办结率"
                + Numbers.percent(all.resolutionRate()) + "。");
        paragraphs.add("群众对办理结果评价" + all.rated() + "次，其中满意（4–5 分）" + all.satisfied() + "次，满意率"
                + Numbers.percent(all.satisfactionRate()) + "。" + "整理上报社情民意信息" + all.reportedUpward() + "条，被采用"
                + all.adopted() + "条。目前在办" + all.backlog() + "条，超期" + all.overdue() + "条。");
        paragraphs.add("本月组织协商议事和公益课堂等活动" + events.items().size() + "场，群众报名" + registered + "人，签到" + attended + "人次。");
        List<TableRow> workstations = reports.opinions(p, Grouping.WORKSTATION, caller).items().stream()
                .sorted(Comparator.comparingLong(OpinionReport.Item::filed)
                        .reversed()
                        .thenComparing(i -> i.name() == null ? "" : i.name()))
                .map(ReportBoard::row)
                .toList();
        List<Column> columns = OPINION_COLUMNS.stream()
                .map(c -> new Column(c[0], c[1], null, false, !c[0].equals("name")))
                .toList();
        return new Bulletin(
                m.toString(),
                title,
                p.from().toString(),
                p.to().toString(),
                boxes,
                paragraphs,
                workstations,
                columns,
                "/dashboard/bulletin?month=" + m.minusMonths(1),
                "/dashboard/bulletin?month=" + m.plusMonths(1));
    }

    private PeriodView periodView(ReportPeriod p, String page) {
        LocalDate today = reports.today();
        ReportPeriod thisMonth = ReportPeriod.monthOf(today);
        ReportPeriod lastMonth = ReportPeriod.monthOf(today.minusMonths(1));
        ReportPeriod last30 = new ReportPeriod(today.minusDays(29), today);
        ReportPeriod thisYear = new ReportPeriod(today.withDayOfYear(1), today);
        List<Preset> presets = new ArrayList<>();
        for (var e : List.of(
                Map.entry("本月", thisMonth),
                Map.entry("上月", lastMonth),
                Map.entry("近30天", last30),
                Map.entry("今年", thisYear))) {
            presets.add(new Preset(
                    e.getKey(),
                    e.getValue().from().toString(),
                    e.getValue().to().toString(),
                    e.getValue().equals(p)));
        }
        return new PeriodView(page, p.from().toString(), p.to().toString(), presets);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Figure rate(String id, String label, Double fraction) {
        return new Figure(id, label, Numbers.percent(fraction), Numbers.raw(fraction), false);
    }

    static Figure count(String id, String label, long n, boolean warn) {
        return new Figure(id, label, String.valueOf(n), String.valueOf(n), warn);
    }

    static Figure hours(String id, String label, Double h) {
        return new Figure(id, label, Numbers.decimal(h), Numbers.raw(h), false);
    }

    static Figure seconds(String id, String label, Double s) {
        return new Figure(id, label, Numbers.decimal(s), Numbers.raw(s), false);
    }
}
