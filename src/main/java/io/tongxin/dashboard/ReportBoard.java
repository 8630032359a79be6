package io.tongxin.dashboard;

import static io.tongxin.dashboard.Figure.count;
import static io.tongxin.dashboard.Figure.hours;
import static io.tongxin.dashboard.Figure.rate;
import static io.tongxin.dashboard.Figure.seconds;

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
    DashboardMessages msg;

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
                rate("response-rate", msg.gaugeResponseRate(), all.responseRate()),
                rate("resolution-rate", msg.gaugeResolutionRate(), all.resolutionRate()),
                rate("satisfaction-rate", msg.gaugeSatisfactionRate(), all.satisfactionRate()));
        List<Figure> figures = List.of(
                count("filed", msg.overview("filed"), all.filed(), false),
                count("assigned", msg.overview("assigned"), all.assigned(), false),
                count("resolved", msg.overview("resolved"), all.resolved(), false),
                count("backlog", msg.overview("backlog"), all.backlog(), false),
                count("overdue", msg.overview("overdue"), all.overdue(), all.overdue() > 0),
                hours("avg-ack-hours", msg.overview("avg-ack-hours"), all.avgAckHours()),
                hours("avg-resolve-hours", msg.overview("avg-resolve-hours"), all.avgResolveHours()),
                count("reported-upward", msg.overview("reported-upward"), all.reportedUpward(), false),
                count("adopted", msg.overview("adopted"), all.adopted(), false));
        ReportPeriod trendPeriod = trendOf(p);
        List<WeekPoint> trend = reports.weekly(trendPeriod, caller);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", trend.stream().map(w -> DAY.format(w.weekStart())).toList());
        chart.put(
                "series",
                List.of(
                        Charts.series(
                                msg.trendFiled(),
                                "line",
                                trend.stream().map(WeekPoint::filed).toList()),
                        Charts.series(
                                msg.trendResolved(),
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

    /** The columns of the workstation and member tables (fields of an opinion report item). */
    private static final List<String> OPINION_COLUMNS = List.of(
            "name",
            "filed",
            "assigned",
            "acknowledgedInTime",
            "resolved",
            "responseRate",
            "resolutionRate",
            "satisfactionRate",
            "avgAckHours",
            "avgResolveHours",
            "backlog",
            "overdue");

    /** Per workstation or per member, sorted by a column ({@code sort}, {@code dir}); default most overdue first. */
    public Table table(ReportPeriod p, Grouping by, String sort, String dir) {
        String key = sort == null || sort.isBlank() ? "overdue" : sort;
        if (!OPINION_COLUMNS.contains(key)) {
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
        for (String c : OPINION_COLUMNS) {
            boolean on = c.equals(key);
            String nextDir = on ? (ascending ? "desc" : "asc") : (c.equals("name") ? "asc" : "desc");
            columns.add(new Column(
                    c,
                    msg.column(c) + (on ? (ascending ? " ▲" : " ▼") : ""),
                    page + "?from=" + p.from() + "&to=" + p.to() + "&sort=" + c + "&dir=" + nextDir,
                    on,
                    !c.equals("name")));
        }
        List<TableRow> rows = items.stream().map(this::row).toList();
        return new Table(
                by == Grouping.MEMBER ? msg.membersTitle() : msg.workstationsTitle(),
                by.wire(),
                periodView(p, page),
                columns,
                rows);
    }

    private TableRow row(OpinionReport.Item i) {
        String name = i.name() == null || i.name().isBlank() ? (i.key() == null ? msg.unnamed() : i.key()) : i.name();
        return new TableRow(
                i.key() == null ? "" : i.key(),
                name,
                i.overdue() > 0,
                List.of(
                        count("filed", msg.cell("filed"), i.filed(), false),
                        count("assigned", msg.cell("assigned"), i.assigned(), false),
                        count("acknowledgedInTime", msg.cell("acknowledgedInTime"), i.acknowledgedInTime(), false),
                        count("resolved", msg.cell("resolved"), i.resolved(), false),
                        rate("responseRate", msg.cell("responseRate"), i.responseRate()),
                        rate("resolutionRate", msg.cell("resolutionRate"), i.resolutionRate()),
                        rate("satisfactionRate", msg.cell("satisfactionRate"), i.satisfactionRate()),
                        hours("avgAckHours", msg.cell("avgAckHours"), i.avgAckHours()),
                        hours("avgResolveHours", msg.cell("avgResolveHours"), i.avgResolveHours()),
                        count("backlog", msg.cell("backlog"), i.backlog(), false),
                        count("overdue", msg.cell("overdue"), i.overdue(), i.overdue() > 0)));
    }

    public Events events(ReportPeriod p) {
        EventReport r = reports.events(p, caller);
        List<EventCard> cards = new ArrayList<>();
        for (EventReport.Item e : r.items()) {
            List<Figure> figures = new ArrayList<>(List.of(
                    count("invitationsSent", msg.event("invitationsSent"), e.invitationsSent(), false),
                    count("membersInvited", msg.event("membersInvited"), e.membersInvited(), false),
                    count("membersAttending", msg.event("membersAttending"), e.membersAttending(), false),
                    count("membersOnLeave", msg.event("membersOnLeave"), e.membersOnLeave(), false),
                    count("membersPending", msg.event("membersPending"), e.membersPending(), e.membersPending() > 0),
                    count(
                            "workstationsConfirmed",
                            msg.event("workstationsConfirmed"),
                            e.workstationsConfirmed(),
                            false),
                    count(
                            "workstationsNotConfirmed",
                            msg.event("workstationsNotConfirmed"),
                            e.workstationsNotConfirmed(),
                            false),
                    count("councilsConfirmed", msg.event("councilsConfirmed"), e.councilsConfirmed(), false),
                    count("councilsNotConfirmed", msg.event("councilsNotConfirmed"), e.councilsNotConfirmed(), false),
                    count("capacity", msg.event("capacity"), e.capacity(), false),
                    count("registered", msg.event("registered"), e.registered(), false),
                    count("waitlisted", msg.event("waitlisted"), e.waitlisted(), false),
                    count("cancelled", msg.event("cancelled"), e.cancelled(), false),
                    count(
                            "attended",
                            msg.event("attended"),
                            e.sessions().stream()
                                    .mapToLong(EventReport.Session::attended)
                                    .sum(),
                            false)));
            if (e.certificates() != null) {
                figures.add(count("certificates", msg.event("certificates"), e.certificates(), false));
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put(
                    "labels",
                    e.communities().stream()
                            .map(c -> c.name() != null ? c.name() : c.code() != null ? c.code() : msg.noCommunity())
                            .toList());
            chart.put(
                    "series",
                    List.of(
                            Charts.series(
                                    msg.seriesRegistered(),
                                    "bar",
                                    e.communities().stream()
                                            .map(EventReport.Community::registered)
                                            .toList()),
                            Charts.series(
                                    msg.seriesWaitlisted(),
                                    "bar",
                                    e.communities().stream()
                                            .map(EventReport.Community::waitlisted)
                                            .toList()),
                            Charts.series(
                                    msg.seriesQuota(),
                                    "bar",
                                    e.communities().stream()
                                            .map(EventReport.Community::quota)
                                            .toList())));
            cards.add(new EventCard(
                    e.code(),
                    e.title(),
                    e.kind() == null ? "" : msg.eventKind(e.kind()),
                    e.status() == null ? "" : msg.eventStatus(e.status()),
                    Numbers.minute(e.startsAt(), zone),
                    figures,
                    e.communities(),
                    toJson(chart),
                    e.sessions().stream()
                            .map(x -> new SessionRow(
                                    x.number(),
                                    Numbers.minute(x.startsAt(), zone),
                                    msg.sessionStatus(x.status() == null ? "" : x.status()),
                                    count("attended", msg.attended(), x.attended(), false)))
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
                                count("total", msg.delivery("total"), i.total(), false),
                                count("sent", msg.delivery("sent"), i.sent(), false),
                                count("dead", msg.delivery("dead"), i.dead(), i.dead() > 0),
                                count("pending", msg.delivery("pending"), i.pending(), false),
                                count("retried", msg.delivery("retried"), i.retried(), false),
                                seconds(
                                        "medianDelaySeconds",
                                        msg.delivery("medianDelaySeconds"),
                                        i.medianDelaySeconds()),
                                seconds("p95DelaySeconds", msg.delivery("p95DelaySeconds"), i.p95DelaySeconds()))))
                .toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", rows.stream().map(DeliveryRow::name).toList());
        chart.put(
                "series",
                List.of(
                        Charts.series(
                                msg.seriesSent(),
                                "bar",
                                r.items().stream()
                                        .map(DeliveryReport.Item::sent)
                                        .toList()),
                        Charts.series(
                                msg.seriesDead(),
                                "bar",
                                r.items().stream()
                                        .map(DeliveryReport.Item::dead)
                                        .toList()),
                        Charts.series(
                                msg.seriesPending(),
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
                count("filed", msg.bulletin("filed"), all.filed(), false),
                count("resolved", msg.bulletin("resolved"), all.resolved(), false),
                rate("response-rate", msg.bulletin("response-rate"), all.responseRate()),
                rate("resolution-rate", msg.bulletin("resolution-rate"), all.resolutionRate()),
                rate("satisfaction-rate", msg.bulletin("satisfaction-rate"), all.satisfactionRate()),
                count("reported-upward", msg.bulletin("reported-upward"), all.reportedUpward(), false),
                count("adopted", msg.bulletin("adopted"), all.adopted(), false),
                count("events", msg.bulletin("events"), events.items().size(), false),
                count("registered", msg.bulletin("registered"), registered, false),
                count("attended", msg.bulletin("attended"), attended, false),
                count("backlog", msg.bulletin("backlog"), all.backlog(), false),
                count("overdue", msg.bulletin("overdue"), all.overdue(), all.overdue() > 0));
        String title = msg.bulletinTitle(m.getYear(), m.getMonthValue());
        List<String> paragraphs = List.of(
                msg.bulletinOpinions(
                        title,
                        all.filed(),
                        all.assigned(),
                        all.acknowledgedInTime(),
                        Numbers.percent(all.responseRate()),
                        all.resolved(),
                        Numbers.percent(all.resolutionRate())),
                msg.bulletinRatings(
                        all.rated(),
                        all.satisfied(),
                        Numbers.percent(all.satisfactionRate()),
                        all.reportedUpward(),
                        all.adopted(),
                        all.backlog(),
                        all.overdue()),
                msg.bulletinEvents(events.items().size(), registered, attended));
        List<TableRow> workstations = reports.opinions(p, Grouping.WORKSTATION, caller).items().stream()
                .sorted(Comparator.comparingLong(OpinionReport.Item::filed)
                        .reversed()
                        .thenComparing(i -> i.name() == null ? "" : i.name()))
                .map(this::row)
                .toList();
        List<Column> columns = OPINION_COLUMNS.stream()
                .map(c -> new Column(c, msg.column(c), null, false, !c.equals("name")))
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
                Map.entry(msg.presetThisMonth(), thisMonth),
                Map.entry(msg.presetLastMonth(), lastMonth),
                Map.entry(msg.presetLast30Days(), last30),
                Map.entry(msg.presetThisYear(), thisYear))) {
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
}
